import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { packageRoot } from '../kernel/paths';
import type { Catalog } from './control';
import { parseYamlSource } from './yaml-source';

/**
 * Example messages, as employees type them, for each control, and messages the bot must decline
 * (`out-of-scope`), as written in data/catalog/examples/*.yaml. They teach retrieval how people
 * phrase a topic; none of them comes from a question set the bot is measured on.
 */
export interface Examples {
  /** Control id → its example messages. */
  byControl: ReadonlyMap<string, readonly string[]>;
  outOfScope: readonly string[];
}

export const OUT_OF_SCOPE_KEY = 'out-of-scope';
export const DEFAULT_EXAMPLES_DIR = path.join(packageRoot(), 'data', 'catalog', 'examples');
export const NO_EXAMPLES: Examples = { byControl: new Map(), outOfScope: [] };

const listSchema = z
  .array(z.string().trim().min(3, 'an example needs a few words'), 'a list of example messages')
  .min(1, 'give at least one example or leave the id out');

export async function loadExamples(catalog: Catalog, dir: string = DEFAULT_EXAMPLES_DIR): Promise<Examples> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return NO_EXAMPLES;
    throw new AppError('invalid_input', `${dir}: cannot read the examples folder (${(err as Error).message})`, {
      cause: err,
    });
  }
  const problems: string[] = [];
  const byControl = new Map<string, string[]>();
  const outOfScope: string[] = [];
  const where = new Map<string, string>();
  for (const name of names) {
    const full = path.join(dir, name);
    const file = path.relative(process.cwd(), full) || full;
    let src: ReturnType<typeof parseYamlSource>;
    try {
      src = parseYamlSource(file, await fs.readFile(full, 'utf8'));
    } catch (err) {
      problems.push(...((err as AppError).details ?? [`${file}: ${(err as Error).message}`]));
      continue;
    }
    const data = src.data ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) {
      problems.push(`${file}:1: expected control ids (and ${OUT_OF_SCOPE_KEY}), each with a list of messages`);
      continue;
    }
    for (const [key, raw] of Object.entries(data)) {
      const line = () => src.lineOf([key]);
      const parsed = listSchema.safeParse(raw);
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          problems.push(`${file}:${src.lineOf([key, ...(i.path as number[])])}: ${i.message}`);
        continue;
      }
      const list = parsed.data;
      if (key === OUT_OF_SCOPE_KEY) {
        outOfScope.push(...list);
        continue;
      }
      const control = catalog.get(key);
      if (!control || control.id !== key) {
        problems.push(
          `${file}:${line()}: ${control ? `write the control id as ${control.id}` : `no control "${key}" in the catalog`}`,
        );
        continue;
      }
      const first = where.get(key);
      if (first) problems.push(`${file}:${line()}: examples for ${key} are already given in ${first}`);
      where.set(key, file);
      byControl.set(key, [...(byControl.get(key) ?? []), ...list]);
    }
  }
  if (problems.length > 0)
    throw new AppError('invalid_input', `The examples have ${problems.length} problem(s):\n${problems.join('\n')}`, {
      details: problems,
    });
  return { byControl, outOfScope };
}

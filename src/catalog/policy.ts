import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { packageRoot } from '../kernel/paths';
import type { Catalog } from './control';
import { parseYamlSource } from './yaml-source';

/** A company's own policy statement, linked to the controls it implements. */
export interface Policy {
  id: string;
  title: string;
  owner: string;
  lastReviewed: string;
  controls: string[];
  text: string;
  source: { file: string; line: number };
}

export const DEFAULT_POLICIES_DIR = path.join(packageRoot(), 'data', 'policies');

const policySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be kebab-case, e.g. pol-access-review'),
  title: z.string().trim().min(1),
  owner: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'owner must be an email address'),
  lastReviewed: z.union([z.string(), z.date()]).transform((v, ctx) => {
    const iso = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(iso))) {
      ctx.addIssue({ code: 'custom', message: 'lastReviewed must be a date such as 2026-09-15' });
    }
    return iso;
  }),
  controls: z.array(z.string()).min(1, 'controls must link at least one control id'),
  text: z.string().trim().min(20, 'text must state the policy in a few sentences'),
});

/** Loads data/policies/*.yaml; every problem is reported as file:line, control ids are checked against the catalog. */
export async function loadPolicies(catalog: Catalog, dir: string = DEFAULT_POLICIES_DIR): Promise<Policy[]> {
  let names: string[] = [];
  try {
    names = (await fs.readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const problems: string[] = [];
  const policies: Policy[] = [];
  for (const name of names) {
    const file = path.relative(process.cwd(), path.join(dir, name)) || name;
    try {
      const src = parseYamlSource(file, await fs.readFile(path.join(dir, name), 'utf8'));
      const parsed = policySchema.safeParse(src.data);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          problems.push(
            `${file}:${src.lineOf(i.path as (string | number)[])}: ${i.path.join('.') || 'policy'}: ${i.message}`,
          );
        }
        continue;
      }
      const controls: string[] = [];
      parsed.data.controls.forEach((raw, i) => {
        const id = catalog.resolveId(raw);
        if (id) controls.push(id);
        else problems.push(`${file}:${src.lineOf(['controls', i])}: controls: unknown control ${raw}`);
      });
      policies.push({ ...parsed.data, controls, source: { file, line: 1 } });
    } catch (err) {
      problems.push(...((err as AppError).details ?? [(err as Error).message]));
    }
  }
  const seen = new Set<string>();
  for (const p of policies) {
    if (seen.has(p.id)) problems.push(`${p.source.file}:1: policy id ${p.id} is used twice`);
    seen.add(p.id);
  }
  if (problems.length > 0)
    throw new AppError('invalid_input', `The policies have ${problems.length} problem(s):\n${problems.join('\n')}`, {
      details: problems,
    });
  return policies;
}

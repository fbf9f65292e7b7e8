import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../kernel/errors';
import { packageRoot } from '../kernel/paths';
import type { Catalog, Control } from './control';
import { clauseFileSchema, controlSchema } from './control-schema';
import { createCatalog } from './create-catalog';
import { parseYamlSource, type YamlSource } from './yaml-source';

export const DEFAULT_CATALOG_DIR = path.join(packageRoot(), 'data', 'catalog');

const issueLines = (src: YamlSource, base: (string | number)[], issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => {
    const p = [...base, ...i.path.map((k) => (typeof k === 'number' ? k : String(k)))];
    const field = i.path.length > 0 ? `${i.path.join('.')}: ` : '';
    return `${src.file}:${src.lineOf(p)}: ${field}${i.message}`;
  });

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Lines of the controls' `id:` entries, found in the text in order: naming every control's line
 * through YAML positions would need the slow full parse on every start. Falls back to that parse
 * for layouts the pattern does not know.
 */
function controlLines(src: YamlSource, text: string) {
  let offset = 0;
  let line = 1;
  return (id: string, index: number): number => {
    const pattern = new RegExp(`^[ \\t]*(?:-[ \\t]+)?id:[ \\t]*["']?${escapeRegExp(id)}["']?[ \\t]*(?:#.*)?$`, 'gm');
    pattern.lastIndex = offset;
    const m = pattern.exec(text);
    if (!m) return src.lineOf(['controls', index]);
    for (let i = text.indexOf('\n', offset); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    offset = m.index + m[0].length;
    return line;
  };
}

function controlsOf(src: YamlSource, text: string, problems: string[]): Control[] {
  const file = clauseFileSchema.safeParse(src.data);
  if (!file.success) {
    problems.push(...issueLines(src, [], file.error.issues));
    return [];
  }
  const { clause, title: clauseTitle, objectives } = file.data;
  const controls: Control[] = [];
  const lineOfControl = controlLines(src, text);
  for (const [i, raw] of file.data.controls.entries()) {
    const parsed = controlSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issueLines(src, ['controls', i], parsed.error.issues));
      continue;
    }
    const c = parsed.data;
    const line = lineOfControl(c.id, i);
    const objective = objectives.find((o) => o.id === c.objective);
    if (!objective)
      problems.push(`${src.file}:${line}: objective ${c.objective} of ${c.id} is not listed under objectives`);
    if (c.cloudControl !== c.id.startsWith('CLD.'))
      problems.push(`${src.file}:${line}: cloudControl must be true exactly for CLD ids`);
    if (!c.id.replace(/^CLD\./, '').startsWith(`${clause}.`))
      problems.push(`${src.file}:${line}: ${c.id} does not belong to clause ${clause}`);
    controls.push({
      ...c,
      clause,
      clauseTitle,
      objectiveTitle: objective?.title ?? '',
      source: { file: src.file, line },
      catalog: 'iso27017',
    });
  }
  return controls;
}

/**
 * Loads and validates every `controls/*.yaml` file of the catalog folder. Every problem is
 * reported at once as `file:line: message`; nothing half-valid is returned.
 */
export async function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Promise<Catalog> {
  const controlsDir = path.join(dir, 'controls');
  let names: string[];
  try {
    names = (await fs.readdir(controlsDir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch (err) {
    throw new AppError('invalid_input', `${controlsDir}: cannot read the catalog folder (${(err as Error).message})`, {
      cause: err,
    });
  }
  const problems: string[] = [];
  const controls: Control[] = [];
  const hash = createHash('sha256');
  for (const name of names) {
    const file = path.join(controlsDir, name);
    const text = await fs.readFile(file, 'utf8');
    hash.update(name).update('\0').update(text).update('\0');
    try {
      controls.push(...controlsOf(parseYamlSource(path.relative(process.cwd(), file) || file, text), text, problems));
    } catch (err) {
      problems.push(...((err as AppError).details ?? [(err as Error).message]));
    }
  }
  const seen = new Map<string, Control>();
  for (const c of controls) {
    const first = seen.get(c.id);
    if (first)
      problems.push(
        `${c.source.file}:${c.source.line}: ${c.id} is defined twice (first at ${first.source.file}:${first.source.line})`,
      );
    seen.set(c.id, c);
  }
  if (problems.length > 0) {
    throw new AppError('invalid_input', `The catalog has ${problems.length} problem(s):\n${problems.join('\n')}`, {
      details: problems,
    });
  }
  return createCatalog(controls, `iso27017+${hash.digest('hex').slice(0, 12)}`);
}

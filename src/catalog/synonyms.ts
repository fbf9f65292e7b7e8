import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { packageRoot } from '../kernel/paths';
import { parseYamlSource } from './yaml-source';

/** Groups of interchangeable words, as written in data/catalog/synonyms.yaml. */
export type SynonymGroups = string[][];

const schema = z.strictObject({
  groups: z.array(z.array(z.coerce.string().min(1)).min(2, 'a group needs two or more terms')),
});

export async function loadSynonyms(
  file = path.join(packageRoot(), 'data', 'catalog', 'synonyms.yaml'),
): Promise<SynonymGroups> {
  const name = path.relative(process.cwd(), file) || file;
  const src = parseYamlSource(name, await fs.readFile(file, 'utf8'));
  const parsed = schema.safeParse(src.data);
  if (!parsed.success) {
    const details = parsed.error.issues.map(
      (i) => `${name}:${src.lineOf(i.path as (string | number)[])}: ${i.message}`,
    );
    throw new AppError('invalid_input', details.join('\n'), { details });
  }
  return parsed.data.groups;
}

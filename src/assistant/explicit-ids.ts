import type { Catalog } from '../catalog/control';

const ID_2013 = /\b(?:a[.\s]?)?(cld[.\s]?)?(\d{1,2})\.(\d{1,2})\.(\d{1,2})\b/gi;
const ID_2022 = /\b([5-8])\.(\d{1,2})\b/g;

/**
 * Control ids written in a question, in the forms people use: 9.2.5, A.9.2.5, CLD.9.5.1; and
 * ISO/IEC 27002:2022 ids such as 8.13 when the question says 2022 (mapped to the 2013 controls).
 */
export function explicitControlIds(question: string, catalog: Pick<Catalog, 'resolveId' | 'from2022'>): string[] {
  const found: string[] = [];
  for (const m of question.matchAll(ID_2013)) {
    const id = catalog.resolveId(`${m[1] ? 'CLD.' : ''}${m[2]}.${m[3]}.${m[4]}`);
    if (id && !found.includes(id)) found.push(id);
  }
  if (/2022/.test(question)) {
    const without2013 = question.replace(ID_2013, ' ');
    for (const m of without2013.matchAll(ID_2022)) {
      for (const c of catalog.from2022(`${m[1]}.${m[2]}`)) if (!found.includes(c.id)) found.push(c.id);
    }
  }
  return found;
}

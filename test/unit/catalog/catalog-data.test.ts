import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../../src/catalog/load-catalog';
import { loadPolicies } from '../../../src/catalog/policy';
import { loadSynonyms } from '../../../src/catalog/synonyms';

/** The reference CSVs (ids, titles, structure: facts of ISO/IEC 27017) copied from ../shared/reference. */
function csv(name: string): Record<string, string>[] {
  const text = readFileSync(path.join(__dirname, '../../fixtures/reference', name), 'utf8').trim();
  const split = (line: string) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    return [...cells, cell];
  };
  const rows = text.split(/\r?\n/).map(split);
  const [header, ...body] = rows as [string[], ...string[][]];
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

describe('the shipped catalog', () => {
  const catalogPromise = loadCatalog();

  it('has every ISO/IEC 27017 control with its id, title, clause and objective exactly as the reference', async () => {
    const catalog = await catalogPromise;
    const reference = csv('iso27017-controls.csv');
    expect(reference).toHaveLength(121);
    expect(catalog.controls.map((c) => c.id).sort()).toEqual(reference.map((r) => r.id).sort());
    for (const r of reference) {
      const c = catalog.get(r.id as string);
      expect([c?.id, c?.title, c?.objective, c?.objectiveTitle, c?.clause, c?.clauseTitle]).toEqual([
        r.id,
        r.title,
        r.objective_id,
        r.objective_title,
        r.clause_id,
        r.clause_title,
      ]);
      expect(c?.cloudControl).toBe(r.id?.startsWith('CLD.'));
    }
    expect(catalog.controls.filter((c) => c.cloudControl)).toHaveLength(7);
  });

  it('maps to ISO/IEC 27002:2022 and flags cloud guidance exactly as the reference', async () => {
    const catalog = await catalogPromise;
    for (const r of csv('iso27002-2013-to-2022.csv')) {
      expect([r.id_2013, catalog.get(r.id_2013 as string)?.iso27002_2022]).toEqual([
        r.id_2013,
        (r.ids_2022 as string).split(';').filter(Boolean),
      ]);
    }
    for (const r of csv('iso27017-cloud-guidance.csv'))
      expect([r.id, catalog.get(r.id as string)?.cloudGuidance]).toEqual([r.id, r.cloud_guidance]);
  });

  it('has our own guidance for every control: summary, both sides, 3-6 evidence items, keywords', async () => {
    for (const c of (await catalogPromise).controls) {
      const sentences = c.summary.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 3).length;
      expect([c.id, sentences >= 2 && sentences <= 5]).toEqual([c.id, true]);
      expect([c.id, c.customer.length > 80, c.provider.length > 30]).toEqual([c.id, true, true]);
      expect([c.id, c.evidence.length >= 3 && c.evidence.length <= 6, c.keywords.length >= 8]).toEqual([
        c.id,
        true,
        true,
      ]);
    }
  });

  it('loads the sample policies and synonyms, every linked control known', async () => {
    const catalog = await catalogPromise;
    const policies = await loadPolicies(catalog);
    expect(policies.length).toBeGreaterThanOrEqual(10);
    for (const p of policies) for (const id of p.controls) expect(catalog.get(id)).toBeDefined();
    expect((await loadSynonyms()).length).toBeGreaterThan(20);
  });

  it('resolves the ways people write ids, and 2022 ids to the 2013 controls', async () => {
    const catalog = await catalogPromise;
    for (const form of ['9.2.5', 'A.9.2.5', 'a 9.2.5', 'A.9.2.5.']) expect(catalog.resolveId(form)).toBe('9.2.5');
    expect(catalog.resolveId('cld.9.5.1')).toBe('CLD.9.5.1');
    expect(catalog.resolveId('99.1.1')).toBeUndefined();
    expect(catalog.from2022('8.13').map((c) => c.id)).toEqual(['12.3.1']);
    expect(catalog.from2022('5.15').map((c) => c.id)).toEqual(['9.1.1', '9.1.2']);
  });
});

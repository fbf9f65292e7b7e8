import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { loadCatalog } from '../../../src/catalog/load-catalog';
import { oscalId, toOscal } from '../../../src/catalog/oscal-export';
import { fromOscal } from '../../../src/catalog/oscal-import';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '../../fixtures', name), 'utf8')) as unknown;

describe('OSCAL', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(fixture('schemas/oscal_catalog_schema.json') as object);

  it('exports a catalog that validates against the official OSCAL catalog schema', async () => {
    const catalog = await loadCatalog();
    const doc = toOscal(catalog, new Date('2026-11-23T09:00:00Z'));
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const ids = doc.catalog.groups.flatMap((g) => g.groups.flatMap((o) => o.controls.map((c) => c.id)));
    expect(ids).toHaveLength(121);
    expect(ids).toContain(oscalId('CLD.9.5.1'));
    expect(toOscal(catalog).catalog.uuid).toBe(doc.catalog.uuid);
  });

  it('fails the schema when a control id is not an NCName, so the test can fail', () => {
    const broken = {
      catalog: {
        uuid: 'not-a-uuid',
        metadata: { title: 't', 'last-modified': 'x', version: '1', 'oscal-version': '1.1.2' },
      },
    };
    expect(validate(broken)).toBe(false);
  });

  it('imports a small OSCAL catalog with prefixed ids, nested controls included', () => {
    const imported = fromOscal(fixture('oscal/mini-catalog.json'), { now: new Date('2026-11-23T09:00:00Z') });
    expect(imported.name).toBe('acme-internal-cloud-baseline');
    expect(imported.controls.map((c) => c._id)).toEqual([
      'acme-internal-cloud-baseline:gov-1',
      'acme-internal-cloud-baseline:net-1',
      'acme-internal-cloud-baseline:net-1.1',
    ]);
    expect(imported.controls[1]).toMatchObject({
      title: 'NET-1 Egress filtering for build runners',
      group: 'Network baseline',
    });
  });

  it('round-trips our own export, and rejects what is not an OSCAL catalog', async () => {
    const round = fromOscal(toOscal(await loadCatalog()), { name: 'iso copy' });
    expect(round.controls).toHaveLength(121);
    expect(round.controls[0]?._id).toBe('iso-copy:a.5.1.1');
    expect(() => fromOscal({ profile: {} })).toThrow(/no top-level "catalog"/);
  });
});

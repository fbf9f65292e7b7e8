import type { Catalog, Control } from './control';

/** Normalises the ways people write a control id: A.9.2.5, a 9.2.5, cld.9.5.1, "9.2.5." */
export function normaliseControlId(raw: string): string {
  const s = raw.trim().replace(/[.\s]+$/, '');
  const cld = /^cld[.\s-]*/i.test(s);
  const rest = s.replace(/^cld[.\s-]*/i, '').replace(/^a[.\s-]*/i, '');
  return cld ? `CLD.${rest}` : rest;
}

export function createCatalog(controls: readonly Control[], version: string): Catalog {
  const byId = new Map(controls.map((c) => [c.id, c]));
  const by2022 = new Map<string, Control[]>();
  for (const c of controls) {
    for (const id of c.iso27002_2022) by2022.set(id, [...(by2022.get(id) ?? []), c]);
  }
  const resolveId = (raw: string) => {
    const id = normaliseControlId(raw);
    return byId.has(id) ? id : undefined;
  };
  return {
    version,
    controls,
    get: (id) => byId.get(resolveId(id) ?? id),
    resolveId,
    from2022: (id) => by2022.get(id.trim()) ?? [],
  };
}

import { createHash } from 'node:crypto';
import type { Catalog, Control } from './control';

/** A deterministic v5-style UUID from a name, so the same catalog version exports the same ids. */
function nameUuid(name: string): string {
  const h = createHash('sha1').update(`controlbot:${name}`).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** OSCAL ids are NCNames (no leading digit): 9.2.5 becomes a.9.2.5, CLD.9.5.1 becomes cld.9.5.1. */
export const oscalId = (id: string) => (id.startsWith('CLD.') ? `cld.${id.slice(4)}` : `a.${id}`);

const prop = (name: string, value: string) => ({
  name,
  value,
  ns: 'https://github.com/controlbot/controlbot/ns/oscal',
});

function oscalControl(c: Control) {
  const id = oscalId(c.id);
  return {
    id,
    class: c.cloudControl ? 'cloud-control' : 'control',
    title: c.title,
    props: [
      { name: 'label', value: c.id },
      prop('cloud-guidance', c.cloudGuidance),
      ...c.iso27002_2022.map((v) => prop('iso27002-2022', v)),
      ...c.keywords.map((v) => prop('keyword', v)),
    ],
    parts: [
      { id: `${id}_smt`, name: 'statement', prose: c.summary },
      {
        id: `${id}_gdn.customer`,
        name: 'guidance',
        class: 'cloud-service-customer',
        title: 'Cloud service customer',
        prose: c.customer,
      },
      {
        id: `${id}_gdn.provider`,
        name: 'guidance',
        class: 'cloud-service-provider',
        title: 'Cloud service provider',
        prose: c.provider,
      },
      {
        id: `${id}_evidence`,
        name: 'assessment-objective',
        title: 'Evidence an auditor expects',
        parts: c.evidence.map((e, i) => ({ id: `${id}_evidence.${i + 1}`, name: 'item', prose: e })),
      },
    ],
  };
}

/**
 * The catalog as an OSCAL 1.1 catalog: one group per clause, a group per objective inside it,
 * with our plain-language text as statement and guidance parts (never the standard's text).
 */
export function toOscal(catalog: Catalog, now: Date = new Date()) {
  const clauses = new Map<string, Control[]>();
  for (const c of catalog.controls) clauses.set(c.clause, [...(clauses.get(c.clause) ?? []), c]);
  const groups = [...clauses.entries()].map(([clause, controls]) => {
    const objectives = new Map<string, Control[]>();
    for (const c of controls) objectives.set(c.objective, [...(objectives.get(c.objective) ?? []), c]);
    return {
      id: `clause-${clause}`,
      class: 'clause',
      title: controls[0]?.clauseTitle ?? `Clause ${clause}`,
      props: [{ name: 'label', value: clause }],
      groups: [...objectives.entries()].map(([objective, members]) => ({
        id: `objective-${objective.toLowerCase()}`,
        class: 'objective',
        title: members[0]?.objectiveTitle ?? objective,
        props: [{ name: 'label', value: objective }],
        controls: members.map(oscalControl),
      })),
    };
  });
  return {
    catalog: {
      uuid: nameUuid(`catalog:${catalog.version}`),
      metadata: {
        title: 'ISO/IEC 27017 controls with controlbot guidance',
        'last-modified': now.toISOString(),
        version: catalog.version,
        'oscal-version': '1.1.2',
        remarks:
          'Control ids and titles identify ISO/IEC 27017:2015 controls. All statements and guidance are written by the controlbot project and are not text of the standard.',
      },
      groups,
    },
  };
}

import { AppError } from '../kernel/errors';
import type { ImportedControlRecord } from '../store/records';

interface OscalPart {
  name?: string;
  prose?: string;
  parts?: OscalPart[];
}
interface OscalControl {
  id?: string;
  title?: string;
  parts?: OscalPart[];
  controls?: OscalControl[];
  props?: { name?: string; value?: string }[];
}
interface OscalGroup {
  title?: string;
  groups?: OscalGroup[];
  controls?: OscalControl[];
}

const prose = (parts: OscalPart[] = []): string[] =>
  parts.flatMap((p) => [...(p.prose ? [p.prose.replace(/\{\{[^}]*\}\}/g, '…')] : []), ...prose(p.parts)]);

/** A short, id-safe name for an imported catalog: "NIST SP 800-53 Rev 5" → "nist-sp-800-53-rev-5". */
export const catalogSlug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'imported';

/**
 * Reads an OSCAL catalog (JSON) into controls the assistant can answer from. Ids are prefixed
 * with the catalog's name (e.g. `nist-800-53:ac-2`) so they never collide with ISO/IEC 27017 ids.
 * Control enhancements (nested controls) are kept as controls of their own.
 */
export function fromOscal(
  json: unknown,
  options: { name?: string; now?: Date } = {},
): { name: string; title: string; controls: ImportedControlRecord[] } {
  const catalog = (
    json as { catalog?: { metadata?: { title?: string }; groups?: OscalGroup[]; controls?: OscalControl[] } }
  )?.catalog;
  if (!catalog || typeof catalog !== 'object') {
    throw new AppError('invalid_input', 'not an OSCAL catalog: the JSON has no top-level "catalog" object');
  }
  const title = catalog.metadata?.title ?? 'Imported catalog';
  const name = options.name ? catalogSlug(options.name) : catalogSlug(title);
  const now = options.now ?? new Date();
  const controls: ImportedControlRecord[] = [];
  const problems: string[] = [];
  const visit = (c: OscalControl, group: string | null, path: string) => {
    if (!c.id || !c.title) problems.push(`${path}: a control needs "id" and "title"`);
    else {
      const label = c.props?.find((p) => p.name === 'label')?.value;
      controls.push({
        _id: `${name}:${c.id}`,
        catalog: name,
        controlId: c.id,
        title: label ? `${label} ${c.title}` : c.title,
        text: prose(c.parts).join(' ').slice(0, 8000),
        group,
        importedAt: now,
      });
    }
    for (const [i, child] of (c.controls ?? []).entries()) visit(child, group, `${path}.controls[${i}]`);
  };
  const walk = (g: OscalGroup, path: string) => {
    for (const [i, c] of (g.controls ?? []).entries()) visit(c, g.title ?? null, `${path}.controls[${i}]`);
    for (const [i, sub] of (g.groups ?? []).entries()) walk(sub, `${path}.groups[${i}]`);
  };
  walk({ title: undefined, controls: catalog.controls, groups: catalog.groups }, 'catalog');
  if (problems.length > 0)
    throw new AppError('invalid_input', `OSCAL catalog problems:\n${problems.join('\n')}`, { details: problems });
  if (controls.length === 0) throw new AppError('invalid_input', 'the OSCAL catalog has no controls');
  const seen = new Set<string>();
  for (const c of controls) {
    if (seen.has(c._id))
      throw new AppError('invalid_input', `the OSCAL catalog has the control id ${c.controlId} twice`);
    seen.add(c._id);
  }
  return { name, title, controls };
}

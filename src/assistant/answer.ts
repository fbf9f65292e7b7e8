import type { Catalog, Control } from '../catalog/control';
import type { Policy } from '../catalog/policy';

/** The `ask` contract (DESIGN.md): controls best first, at least 3 when confident. */
export interface Answer {
  question: string;
  confident: boolean;
  controls: { id: string; title: string; score: number }[];
  answer: string;
  /** Company policies linked to the controls, shown first. */
  policies: { id: string; title: string; owner: string; lastReviewed: string; text: string }[];
  /** Who wrote the text: the catalog, or the model grounded in it. */
  phrasedBy: 'catalog' | 'model';
}

export const NOT_SURE =
  "I'm not sure this is something our security controls cover, so I won't guess. Please ask the compliance lead; I've noted the question so it can get a proper answer.";

/** Policies linked to the given controls, in the controls' order, each once. */
export function policiesFor(policies: readonly Policy[], controlIds: readonly string[]): Policy[] {
  const out: Policy[] = [];
  for (const id of controlIds) {
    for (const p of policies) if (p.controls.includes(id) && !out.includes(p)) out.push(p);
  }
  return out;
}

function controlBlock(c: Control | { id: string; title: string; summary: string }, lead: boolean): string {
  if (!lead || !('customer' in c)) return `*${c.id} ${c.title}*: ${c.summary}`;
  return [
    `*${c.id} ${c.title}*: ${c.summary}`,
    `• *Your side (cloud customer):* ${c.customer}`,
    `• *The provider's side:* ${c.provider}`,
    `• *Evidence an auditor asks for:* ${c.evidence.join('; ')}.`,
  ].join('\n');
}

/** The answer written from the catalog alone: company policy first, then the best control, then the rest. */
export function catalogAnswer(
  catalog: Pick<Catalog, 'get'>,
  extra: (id: string) => { id: string; title: string; summary: string } | undefined,
  controlIds: readonly string[],
  policies: readonly Policy[],
): string {
  const parts: string[] = [];
  for (const p of policies.slice(0, 2)) {
    parts.push(`*Our policy: ${p.title}* (owner ${p.owner}, reviewed ${p.lastReviewed})\n${p.text}`);
  }
  const [first, ...rest] = controlIds.map((id) => catalog.get(id) ?? extra(id)).filter((c) => c !== undefined);
  if (first) parts.push(controlBlock(first, true));
  if (rest.length > 0) parts.push(`Also relevant: ${rest.map((c) => `${c.id} ${c.title}`).join(', ')}.`);
  return parts.join('\n\n');
}

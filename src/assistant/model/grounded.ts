import type { Policy } from '../../catalog/policy';
import { redact } from '../redact';

export interface GroundingControl {
  id: string;
  title: string;
  summary: string;
  customer?: string;
  provider?: string;
}

const SYSTEM = [
  'You are controlbot, a compliance assistant for employees of a company that follows ISO/IEC 27017.',
  'Answer ONLY from the company policies and controls given to you. Do not use outside knowledge.',
  'Lead with the company policy when one applies, then what the controls ask of us (the cloud customer) and of the provider.',
  'Cite every control you rely on by its id exactly as given, in square brackets, e.g. [9.2.5]. Cite no other ids.',
  'Be brief: at most 6 short sentences or bullets. If the material does not answer the question, say so and suggest asking the compliance lead.',
].join('\n');

/** The prompt: redacted question plus the retrieved material, nothing else (no names, no attestations). */
export function groundedPrompt(question: string, controls: readonly GroundingControl[], policies: readonly Policy[]) {
  const material = [
    ...policies.map((p) => `Company policy "${p.title}" (applies to ${p.controls.join(', ')}): ${p.text}`),
    ...controls.map((c) =>
      [
        `Control [${c.id}] ${c.title}: ${c.summary}`,
        c.customer && `Customer side: ${c.customer}`,
        c.provider && `Provider side: ${c.provider}`,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  ].join('\n\n');
  return { system: SYSTEM, user: `Question: ${redact(question)}\n\nMaterial:\n${material}` };
}

const CITED = /\[([A-Za-z0-9][\w.:-]*)\]/g;

/** The ids a model answer cites; `ok` only when it cites something and only retrieved ids. */
export function checkCitations(
  text: string,
  allowed: readonly string[],
): { ok: boolean; cited: string[]; foreign: string[] } {
  const cited = [...new Set([...text.matchAll(CITED)].map((m) => m[1] as string))];
  const idLike = cited.filter((id) => /\d/.test(id));
  const foreign = idLike.filter((id) => !allowed.includes(id));
  return { ok: idLike.length > 0 && foreign.length === 0, cited: idLike, foreign };
}

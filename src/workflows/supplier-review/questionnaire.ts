import type { Form } from '../../chat/model';
import { AppError } from '../../kernel/errors';

export const DECISIONS = ['continue', 'continue-with-actions', 'offboard'] as const;
export type SupplierDecision = (typeof DECISIONS)[number];

export interface SupplierAnswers {
  stillInUse: boolean;
  /** What changed in the data shared with the supplier; null when nothing did. */
  dataSharedChanged: string | null;
  /** Incidents at the supplier since the last review; null when none. */
  incidents: string | null;
  documentsCurrent: boolean;
  decision: SupplierDecision;
  notes: string | null;
}

/** The questionnaire's fields, as a form (short labels: Slack carries the form in a button value). */
export const QUESTIONS: Form['fields'] = [
  { name: 'inUse', label: 'Still in use? (yes/no)', required: true },
  { name: 'dataChanged', label: 'Data shared changed? (no, or what changed)', required: true },
  { name: 'incidents', label: 'Incidents since the last review? (no, or which)', required: true },
  { name: 'documentsCurrent', label: 'Certificate or audit report current? (yes/no)', required: true },
  { name: 'decision', label: 'Decision: continue, continue with actions, or offboard', required: true },
  { name: 'notes', label: 'Notes (the actions, or why to offboard)', multiline: true },
];

const YES = /^(y|yes|yep|true|ja)$/;
const NO = /^(n|no|nope|false|nein)$/;
const NOTHING = /^(no|none|nothing|n\/a|na|-|unchanged|no changes?|no incidents?)\.?$/;

function yesNo(text: string | undefined): boolean | null {
  const t = (text ?? '').trim().toLowerCase();
  return YES.test(t) ? true : NO.test(t) ? false : null;
}

/** "no"/"none" → null; a description → the description; a bare "yes" → undefined (say what). */
function change(text: string | undefined): string | null | undefined {
  const t = (text ?? '').trim();
  if (!t || NOTHING.test(t.toLowerCase())) return t ? null : undefined;
  return YES.test(t.toLowerCase()) ? undefined : t;
}

function decisionOf(text: string | undefined): SupplierDecision | null {
  const t = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (t === 'continue' || t === 'keep') return 'continue';
  if (/^(continue-with-actions?|with-actions?|actions?)$/.test(t)) return 'continue-with-actions';
  if (/^(offboard|off-board|stop|terminate|exit)$/.test(t)) return 'offboard';
  return null;
}

/**
 * Reads the questionnaire's answers; every problem is named at once in one invalid_input error.
 * Notes are required unless the decision is a plain continue, and a supplier no longer in use
 * cannot simply continue.
 */
export function parseAnswers(fields: Record<string, string | undefined>): SupplierAnswers {
  const problems: string[] = [];
  const stillInUse = yesNo(fields.inUse);
  if (stillInUse === null) problems.push('whether the supplier is still in use (yes or no)');
  const dataSharedChanged = change(fields.dataChanged);
  if (dataSharedChanged === undefined) problems.push('whether the data shared changed ("no", or what changed)');
  const incidents = change(fields.incidents);
  if (incidents === undefined) problems.push('whether there were incidents ("no", or which)');
  const documentsCurrent = yesNo(fields.documentsCurrent);
  if (documentsCurrent === null) problems.push('whether the certificate or audit report is current (yes or no)');
  const decision = decisionOf(fields.decision);
  if (!decision) problems.push('the decision: continue, continue with actions, or offboard');
  const notes = fields.notes?.trim() || null;
  if (decision && decision !== 'continue' && !notes)
    problems.push(`notes: ${decision === 'offboard' ? 'why and how to offboard' : 'the actions agreed'}`);
  if (stillInUse === false && decision === 'continue')
    problems.push('a decision other than continue for a supplier no longer in use');
  if (
    problems.length > 0 ||
    stillInUse === null ||
    documentsCurrent === null ||
    !decision ||
    dataSharedChanged === undefined ||
    incidents === undefined
  ) {
    throw new AppError('invalid_input', `Please give ${problems.join('; ')}.`, { details: problems });
  }
  return { stillInUse, dataSharedChanged, incidents, documentsCurrent, decision, notes };
}

import { AppError } from '../../kernel/errors';

export interface RestoreTestAnswer {
  testedAt: Date;
  restored: string;
  restoreMinutes: number;
  result: 'success' | 'partial' | 'failed';
  notes: string | null;
}

const UNITS: Record<string, number> = {
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
};

/**
 * A measured duration in minutes: "45", "45 min", "1h 30m", "1h30", "1.5 hours", "1:30" (h:mm).
 * Null when the text is not one of those.
 */
export function parseMinutes(text: string): number | null {
  const t = text.trim().toLowerCase();
  const clock = /^(\d+):([0-5]\d)$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const short = /^(\d+)\s*h\s*(\d{1,2})$/.exec(t);
  if (short) return Number(short[1]) * 60 + Number(short[2]);
  if (/^\d+(?:[.,]\d+)?$/.test(t)) return Math.round(Number(t.replace(',', '.')));
  const part = /(\d+(?:[.,]\d+)?)\s*([a-z]+)/g;
  let total = 0;
  let consumed = '';
  for (const m of t.matchAll(part)) {
    const unit = UNITS[m[2] as string];
    if (unit === undefined) return null;
    total += Number((m[1] as string).replace(',', '.')) * unit;
    consumed += m[0];
  }
  const rest = t.replace(part, '').replace(/\band\b|[\s,]/g, '');
  return consumed && !rest ? Math.round(total) : null;
}

const RESULTS: [RegExp, RestoreTestAnswer['result']][] = [
  [/^(success|successful|succeeded|passed?|ok|good)$/, 'success'],
  [/^(partial|partly|partially( successful)?)$/, 'partial'],
  [/^(fail|failed|failure|unsuccessful)$/, 'failed'],
];

/**
 * Reads the restore-test form (date, restored, duration, result, notes) at `now`. Every problem is
 * named at once in one invalid_input error, in words the owner can act on.
 */
export function parseRestoreTest(fields: Record<string, string | undefined>, now: Date): RestoreTestAnswer {
  const problems: string[] = [];
  const dateText = fields.date?.trim() ?? '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText);
  const testedAt = m ? new Date(`${dateText}T00:00:00Z`) : null;
  if (!testedAt || Number.isNaN(testedAt.getTime()) || testedAt.toISOString().slice(0, 10) !== dateText) {
    problems.push('the date as YYYY-MM-DD, e.g. 2026-11-20');
  } else if (testedAt.getTime() > now.getTime()) problems.push('a date that is not in the future');
  const restored = fields.restored?.trim() ?? '';
  if (!restored) problems.push('what was restored');
  const restoreMinutes = parseMinutes(fields.duration ?? '');
  if (restoreMinutes === null) problems.push('the restore time, e.g. 45 min or 1h 30m');
  const resultText = (fields.result ?? '').trim().toLowerCase();
  const result = RESULTS.find(([re]) => re.test(resultText))?.[1];
  if (!result) problems.push('the result: success, partial or failed');
  if (problems.length > 0 || !testedAt || restoreMinutes === null || !result) {
    throw new AppError('invalid_input', `Please give ${problems.join('; ')}.`, { details: problems });
  }
  return { testedAt, restored, restoreMinutes, result, notes: fields.notes?.trim() || null };
}

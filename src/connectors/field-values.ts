/**
 * The conversions behind the field schemas of `fields.ts`, as plain functions with no zod, so a row
 * can be checked quickly (and a thread can check rows without loading zod). Each takes what a CSV
 * cell holds (a string, maybe padded or blank) or a JSON value, and returns the value or `Invalid`.
 */

/** A field's problem, as a conversion returns it instead of a value. */
export class Invalid {
  constructor(readonly message: string) {}
}

export const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
export const quoted = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
/** Trims strings; JSON numbers become strings, since ids and codes are often numeric in exports. */
const asText = (value: unknown) =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : value;

/** Non-empty text, trimmed. */
export const toRequiredText = (value: unknown): string | Invalid => {
  const text = asText(value);
  if (isBlank(text)) return new Invalid('is required');
  return typeof text === 'string' ? text : new Invalid(`must be text, got ${quoted(value)}`);
};

/** Text, trimmed; blank or missing is null (no manager, no owner, …). */
export const toOptionalText = (value: unknown): string | null | Invalid => {
  const text = asText(value);
  if (isBlank(text)) return null;
  return typeof text === 'string' ? text : new Invalid(`must be text, got ${quoted(value)}`);
};

/** One of `choices`, matched without regard to case or padding, returned lower-cased. */
export const toChoice = <C extends readonly string[]>(choices: C, value: unknown): C[number] | Invalid => {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const match = choices.find((c) => c === text);
  return match ?? new Invalid(`must be ${choices.join(' or ')}, got ${quoted(value)}`);
};

const parseJsonArray = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // reported by the caller as "must be names separated by …", with the value
  }
};

/**
 * A list of names: "a;b" in a CSV cell, or a JSON array of strings (also as the text of a cell).
 * Entries are trimmed and empty ones dropped; blank or missing is an empty list.
 */
export const toNameList = (value: unknown): string[] | Invalid => {
  if (isBlank(value)) return [];
  let items: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    items = text.startsWith('[') ? parseJsonArray(text) : text.split(';');
  }
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
    return new Invalid(`must be names separated by ";" or a JSON array of strings, got ${quoted(value)}`);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
};

const TRUE = ['true', 'yes', '1'];
const FALSE = ['false', 'no', '0'];
/** A yes/no flag: true/false, yes/no or 1/0, any case. Required: a blank is not taken to mean no. */
export const toFlag = (value: unknown): boolean | Invalid => {
  if (typeof value === 'boolean') return value;
  if (isBlank(value)) return new Invalid('is required: true or false (or yes/no, 1/0)');
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  if (TRUE.includes(text)) return true;
  if (FALSE.includes(text)) return false;
  return new Invalid(`must be true or false (or yes/no, 1/0), got ${quoted(value)}`);
};

const notADate = (value: unknown) =>
  new Invalid(`must be an ISO date or date-time such as 2024-05-01T09:30:00Z, got ${quoted(value)}`);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date (`2024-05-01`, midnight UTC) or date-time (`2024-05-01T09:30:00+02:00`). A
 * date-time without an offset is taken as UTC, so the result never depends on the server's time
 * zone. Blank or missing is null.
 */
export const toIsoDate = (value: unknown): Date | null | Invalid => {
  if (isBlank(value)) return null;
  const match = typeof value === 'string' ? ISO_DATE.exec(value.trim()) : null;
  if (!match) return notADate(value);
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
  // Date rolls 2024-02-30 over into March; a day that does not exist is a typo, not a date.
  const day = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (day.getUTCMonth() + 1 !== Number(mo) || day.getUTCDate() !== Number(d)) return notADate(value);
  // A plain date is that day's midnight UTC, already at hand.
  if (match[4] === undefined) return day;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return notADate(value);
  const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.toUpperCase();
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${offset}`);
  return Number.isNaN(date.getTime()) ? notADate(value) : date;
};

/** A row's converted fields, or undefined when any of them is Invalid (a schema then names the problems). */
export function allValid<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]: Exclude<T[K], Invalid> } | undefined {
  for (const value of Object.values(fields)) if (value instanceof Invalid) return undefined;
  return fields as { [K in keyof T]: Exclude<T[K], Invalid> };
}

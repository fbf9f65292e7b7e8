/**
 * Field schemas shared by the connector rows. They accept what a CSV cell holds (always a string,
 * maybe padded or blank) as well as the typed values of a JSON file, and turn both into one shape.
 */
import { z } from 'zod';
import {
  Invalid,
  isBlank,
  quoted,
  toChoice,
  toFlag,
  toIsoDate,
  toNameList,
  toOptionalText,
  toRequiredText,
} from './field-values';

export { Invalid };

/** A field whose value `convert` returns, or whose problem it names by returning an `Invalid`. */
export const converted = <T>(convert: (value: unknown) => T | Invalid) =>
  z.transform((value: unknown, ctx): T => {
    const out = convert(value);
    if (!(out instanceof Invalid)) return out;
    ctx.addIssue({ code: 'custom', message: out.message, input: value });
    return z.NEVER;
  });

/** Non-empty text, trimmed. */
export const requiredText = () => converted(toRequiredText);

/** Text, trimmed; blank or missing is null (no manager, no owner, …). */
export const optionalText = () => converted(toOptionalText);

/** One of `choices`, matched without regard to case or padding, returned lower-cased. */
export const choice = <const C extends readonly string[]>(choices: C) => converted((value) => toChoice(choices, value));

/** A yes/no flag: true/false, yes/no or 1/0, any case. Required: a blank is not taken to mean no. */
export const flag = () => converted(toFlag);

/**
 * A list of names: "a;b" in a CSV cell, or a JSON array of strings (also as the text of a cell).
 * Entries are trimmed and empty ones dropped; blank or missing is an empty list.
 */
export const nameList = () => converted(toNameList);

/**
 * An ISO 8601 date (`2024-05-01`, midnight UTC) or date-time (`2024-05-01T09:30:00+02:00`). A
 * date-time without an offset is taken as UTC, so the result never depends on the server's time
 * zone. Blank or missing is null.
 */
export const isoDate = () => converted(toIsoDate);

type NumberOptions = { min?: number; whole?: boolean };
const toNumber = (value: unknown, options: NumberOptions): number | Invalid => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  const kind = options.whole ? 'a whole number' : 'a number';
  if (!Number.isFinite(n) || (options.whole && !Number.isInteger(n))) {
    return new Invalid(`must be ${kind}, got ${quoted(value)}`);
  }
  const min = options.min ?? 0;
  return n < min ? new Invalid(`must be ${kind} of at least ${min}, got ${quoted(value)}`) : n;
};

/** A number of at least `min` (0 unless told), as a JSON number or a CSV cell; `whole` refuses fractions. */
export const numberField = (options: NumberOptions = {}) =>
  converted((value) => (isBlank(value) ? new Invalid('is required: a number') : toNumber(value, options)));

/** numberField, but blank or missing is null. */
export const optionalNumber = (options: NumberOptions = {}) =>
  converted((value) => (isBlank(value) ? null : toNumber(value, options)));

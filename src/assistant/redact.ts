/**
 * Removes personal data and secrets from text before it leaves the process (model calls, stored
 * unanswered questions): emails, chat user ids, tokens and keys, long secrets, phone numbers.
 */
const RULES: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/<@[A-Z0-9]+(\|[^>]*)?>/g, '[user]'],
  [/\b[UW][A-Z0-9]{8,}\b/g, '[user]'],
  [/\bxox[abposr]-[\w-]+/g, '[token]'],
  [/\bxapp-[\w-]+/g, '[token]'],
  [/\bsk-[\w-]{16,}/g, '[token]'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, '[token]'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '[token]'],
  [/\bBearer\s+[\w.~+/-]+=*/gi, 'Bearer [token]'],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[token]'],
  [/\b[A-Za-z0-9+/_-]{32,}={0,2}/g, '[secret]'],
  [/\+?\d[\d\s().-]{8,}\d/g, '[phone]'],
];

export function redact(text: string): string {
  return RULES.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

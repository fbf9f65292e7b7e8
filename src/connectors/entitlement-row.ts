import type { Entitlement } from './entitlements';
import { Invalid, toFlag, toIsoDate, toOptionalText, toRequiredText } from './field-values';
import type { RawRow } from './tabular';

/**
 * An entitlement row checked field by field without zod: the very value `entitlementSchema`
 * returns for a valid row, or undefined when any field is invalid (the schema then names the
 * problems). Most rows are valid, and this is several times quicker than the schema.
 */
export function entitlementOf(row: RawRow): Entitlement | undefined {
  if (Array.isArray(row)) return undefined;
  const account = toRequiredText(row['account']);
  const person = toOptionalText(row['person']);
  const system = toRequiredText(row['system']);
  const role = toRequiredText(row['role']);
  const privileged = toFlag(row['privileged']);
  // JSON exports tend to say `lastLogin`; CSV headers `last_login` (see entitlementSchema).
  const login = row['last_login'] === undefined && 'lastLogin' in row ? row['lastLogin'] : row['last_login'];
  const lastLogin = toIsoDate(login);
  if (
    account instanceof Invalid ||
    person instanceof Invalid ||
    system instanceof Invalid ||
    role instanceof Invalid ||
    privileged instanceof Invalid ||
    lastLogin instanceof Invalid
  ) {
    return undefined;
  }
  return { account, person, system, role, privileged, lastLogin };
}

import type { Entitlement } from './entitlements';
import { allValid, toFlag, toIsoDate, toOptionalText, toRequiredText } from './field-values';
import type { RawRow } from './tabular';

/**
 * An entitlement row checked field by field without zod: the very value `entitlementSchema`
 * returns for a valid row, or undefined when any field is invalid (the schema then names the
 * problems). Most rows are valid, and this is several times quicker than the schema.
 */
export function entitlementOf(row: RawRow): Entitlement | undefined {
  if (Array.isArray(row)) return undefined;
  // JSON exports tend to say `lastLogin`; CSV headers `last_login` (see entitlementSchema).
  const login = row['last_login'] === undefined && 'lastLogin' in row ? row['lastLogin'] : row['last_login'];
  return allValid({
    account: toRequiredText(row['account']),
    person: toOptionalText(row['person']),
    system: toRequiredText(row['system']),
    role: toRequiredText(row['role']),
    privileged: toFlag(row['privileged']),
    lastLogin: toIsoDate(login),
  });
}

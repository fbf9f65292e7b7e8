import { z } from 'zod';
import { entitlementOf } from './entitlement-row';
import { flag, isoDate, optionalText, requiredText } from './fields';
import { type ProblemSink, type RowCheck, readChecked, type SourceRow, schemaCheck } from './read-source';

/** One account's role in one system, as the system's access export lists it. */
export interface Entitlement {
  account: string;
  /** The directory person id the account belongs to; null for an account nobody is known to own. */
  person: string | null;
  system: string;
  role: string;
  privileged: boolean;
  /** Null when the system has never seen a login, or does not say. */
  lastLogin: Date | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON exports tend to say `lastLogin`; CSV headers `last_login`. Either is read as the other. */
const acceptCamelCase = (row: unknown) =>
  isRecord(row) && row['last_login'] === undefined && 'lastLogin' in row
    ? { ...row, last_login: row['lastLogin'] }
    : row;

/** An entitlement row: columns account, person, system, role, privileged, last_login. */
export const entitlementSchema: z.ZodType<Entitlement> = z.preprocess(
  acceptCamelCase,
  z
    .object({
      account: requiredText(),
      person: optionalText(),
      system: requiredText(),
      role: requiredText(),
      privileged: flag(),
      last_login: isoDate(),
    })
    .transform(({ last_login, ...rest }) => ({ ...rest, lastLogin: last_login })),
);

const bySchema = schemaCheck(entitlementSchema);
/** An entitlement row's value, or its problems as the schema names them. */
export const checkEntitlement: RowCheck<Entitlement> = (row) => entitlementOf(row) ?? bySchema(row);

/** The valid entitlements of a `.csv`, `.json` or `.jsonl` access export; invalid rows go to `problems`. */
export const readEntitlements = (file: string, problems: ProblemSink): AsyncGenerator<SourceRow<Entitlement>> =>
  readChecked(file, checkEntitlement, problems);

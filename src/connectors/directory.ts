import { z } from 'zod';
import { allValid, toChoice, toNameList, toOptionalText, toRequiredText } from './field-values';
import { choice, converted, Invalid, nameList, optionalText, requiredText } from './fields';
import { type ProblemSink, type RowCheck, readChecked, type SourceRow, schemaCheck } from './read-source';
import type { RawRow } from './tabular';

/** A person from the HR directory export: who exists, who they report to, and whether they still work here. */
export interface DirectoryPerson {
  id: string;
  name: string;
  /** Lower-cased, so it matches however the chat platform or identity provider spells it. */
  email: string;
  /** The manager's person id; null at the top of the tree. */
  manager: string | null;
  department: string | null;
  status: 'active' | 'terminated';
  roles: string[];
}

const EMAIL = z.email();
const toEmail = (value: unknown): string | Invalid => {
  if (typeof value !== 'string' || value.trim() === '') return new Invalid('is required');
  const text = value.trim().toLowerCase();
  // The value is not repeated in the message: an address is personal data, and file:line finds it.
  return EMAIL.safeParse(text).success ? text : new Invalid('is not a valid email address');
};
const STATUSES = ['active', 'terminated'] as const;

/** A directory row: columns id, name, email, manager, department, status, roles ("a;b"). */
export const personSchema: z.ZodType<DirectoryPerson> = z.object({
  id: requiredText(),
  name: requiredText(),
  email: converted(toEmail),
  manager: optionalText(),
  department: optionalText(),
  status: choice(STATUSES),
  roles: nameList(),
});

/**
 * A directory row checked field by field: the very value `personSchema` returns for a valid row,
 * or undefined when any field is invalid (the schema then names the problems); several times quicker.
 */
function personOf(row: RawRow): DirectoryPerson | undefined {
  if (Array.isArray(row)) return undefined;
  return allValid({
    id: toRequiredText(row['id']),
    name: toRequiredText(row['name']),
    email: toEmail(row['email']),
    manager: toOptionalText(row['manager']),
    department: toOptionalText(row['department']),
    status: toChoice(STATUSES, row['status']),
    roles: toNameList(row['roles']),
  });
}

const bySchema = schemaCheck(personSchema);
const checkPerson: RowCheck<DirectoryPerson> = (row) => personOf(row) ?? bySchema(row);

/** The valid people of a `.csv`, `.json` or `.jsonl` directory export; invalid rows go to `problems`. */
export const readPeople = (file: string, problems: ProblemSink): AsyncGenerator<SourceRow<DirectoryPerson>> =>
  readChecked(file, checkPerson, problems);

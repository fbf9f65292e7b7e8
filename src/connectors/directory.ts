import { z } from 'zod';
import { choice, converted, Invalid, nameList, optionalText, requiredText } from './fields';
import { type ProblemSink, readSource, type SourceRow } from './read-source';

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
const email = () =>
  converted((value) => {
    if (typeof value !== 'string' || value.trim() === '') return new Invalid('is required');
    const text = value.trim().toLowerCase();
    // The value is not repeated in the message: an address is personal data, and file:line finds it.
    return EMAIL.safeParse(text).success ? text : new Invalid('is not a valid email address');
  });

/** A directory row: columns id, name, email, manager, department, status, roles ("a;b"). */
export const personSchema: z.ZodType<DirectoryPerson> = z.object({
  id: requiredText(),
  name: requiredText(),
  email: email(),
  manager: optionalText(),
  department: optionalText(),
  status: choice(['active', 'terminated']),
  roles: nameList(),
});

/** The valid people of a `.csv`, `.json` or `.jsonl` directory export; invalid rows go to `problems`. */
export const readPeople = (file: string, problems: ProblemSink): AsyncGenerator<SourceRow<DirectoryPerson>> =>
  readSource(file, personSchema, problems);

import { z } from 'zod';
import { converted, Invalid, optionalText, requiredText } from './fields';
import { type ProblemSink, readSource, type SourceRow } from './read-source';

/** A system in scope for access reviews, and the person who answers for its access. */
export interface SystemEntry {
  /** A slug such as `aws-prod`, the key entitlements refer to. */
  system: string;
  name: string;
  /** The owner's directory person id; null while nobody owns it. */
  owner: string | null;
  description?: string;
}

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const slug = () =>
  converted((value) => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    if (!text) return new Invalid('is required');
    // Not lower-cased for the writer: entitlements must name the system exactly as it is listed here.
    return SLUG.test(text)
      ? text
      : new Invalid(
          `must be a slug of lower-case letters and digits joined by - or _ (e.g. aws-prod), got ${JSON.stringify(text)}`,
        );
  });

/** A systems row: columns system, name, owner, description. */
export const systemSchema: z.ZodType<SystemEntry> = z
  .object({ system: slug(), name: requiredText(), owner: optionalText(), description: optionalText() })
  .transform(({ description, ...rest }) => (description === null ? rest : { ...rest, description }));

/** The valid systems of a `.csv`, `.json` or `.jsonl` list; invalid rows go to `problems`. */
export const readSystems = (file: string, problems: ProblemSink): AsyncGenerator<SourceRow<SystemEntry>> =>
  readSource(file, systemSchema, problems);

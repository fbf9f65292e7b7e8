import { z } from 'zod';
import { AppError } from '../kernel/errors';

const MAX_EVIDENCE_BYTES = 64 * 1024;

/**
 * Evidence is free-form JSON, limited to what every supported store keeps faithfully: no keys
 * with "." or a leading "$", no arrays inside arrays, finite numbers only (FerretDB v1 rules).
 */
function evidenceProblem(value: unknown, path: string, insideArray: boolean): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} must be a finite number`;
  if (Array.isArray(value)) {
    if (insideArray) return `${path} must not be an array inside an array`;
    for (const [i, v] of value.entries()) {
      const p = evidenceProblem(v, `${path}[${i}]`, true);
      if (p) return p;
    }
    return null;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('.') || k.startsWith('$') || k === '')
        return `${path} has key "${k}": keys may not be empty, contain "." or start with "$"`;
      const p = evidenceProblem(v, `${path}.${k}`, false);
      if (p) return p;
    }
    return null;
  }
  return `${path} must be plain JSON (string, number, boolean, null, array or object)`;
}

const evidence = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const problem = evidenceProblem(value, 'evidence', false);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
  else if (Buffer.byteLength(JSON.stringify(value)) > MAX_EVIDENCE_BYTES) {
    ctx.addIssue({ code: 'custom', message: `evidence must be at most ${MAX_EVIDENCE_BYTES / 1024} KiB of JSON` });
  }
});

const text = (max: number) => z.string().trim().min(1).max(max);

export const attestationInputSchema = z.strictObject({
  type: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/,
      'type must be lower-case words joined by dots, e.g. access-review.decision',
    )
    .max(64),
  subject: text(500),
  controlIds: z.array(text(64)).min(1, 'controlIds must name at least one control').max(50),
  actor: z.strictObject({
    id: text(200),
    name: text(200),
    platform: z.enum(['slack', 'teams', 'web', 'cli', 'system']),
  }),
  decision: text(2000),
  comment: z.string().max(5000).nullish(),
  evidence: evidence.optional(),
  idempotencyKey: text(200).optional(),
});

export type AttestationInput = z.input<typeof attestationInputSchema>;
export type ValidAttestationInput = z.output<typeof attestationInputSchema>;

/** Validates an attestation request; the error names every offending field. */
export function parseAttestationInput(input: unknown): ValidAttestationInput {
  const parsed = attestationInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => {
    const field = i.path.join('.') || 'attestation';
    return i.message.startsWith(field) ? i.message : `${field}: ${i.message}`;
  });
  throw new AppError('invalid_input', `Invalid attestation: ${details.join('; ')}`, { details });
}

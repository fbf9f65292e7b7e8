import path from 'node:path';
import { z } from 'zod';
import type { Catalog } from '../catalog/control';
import { scheduleProblem, timeZoneProblem } from './schedule';

/**
 * The shape of one workflow definition (one YAML file under `workflows/`). Every object is strict:
 * an unknown key is an error, so a misspelt setting never silently falls back to its default.
 */
export const WORKFLOW_KINDS = ['access-review', 'backup-check', 'supplier-review', 'digest'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];

/** The settings block each kind takes; exactly that one must be present. */
export const SETTINGS_KEY = {
  'access-review': 'accessReview',
  'backup-check': 'backupCheck',
  'supplier-review': 'supplierReview',
  digest: 'digest',
} as const satisfies Record<WorkflowKind, string>;

const days = (fallback: number) => z.number().int().min(1, 'must be at least 1 day').default(fallback);

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const isRepoPath = (p: string) => p.length > 0 && !path.isAbsolute(p) && !path.normalize(p).startsWith('..');
const REPO_PATH_HINT = 'a path inside the repository, relative to its root (e.g. data/samples/people.csv)';

/** A file path relative to the repository root, e.g. data/samples/people.csv. */
const repoPath = z.string().trim().refine(isRepoPath, `must be ${REPO_PATH_HINT}`);

const block = <T extends z.core.$ZodLooseShape>(kind: WorkflowKind, shape: T) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.input === undefined ? `kind ${kind} needs its settings under ${SETTINGS_KEY[kind]}:` : undefined,
  });

export const accessReviewSettingsSchema = block('access-review', {
  sources: z.strictObject({ people: repoPath, entitlements: repoPath, systems: repoPath }),
  reviewer: z.enum(['manager', 'system-owner']),
  fallbackReviewer: z.string().trim().regex(/^\S+$/, 'must be one person id, e.g. p002'),
  durationDays: days(14),
  dormantAfterDays: days(90),
  reminders: z.strictObject({ everyWorkingDays: days(3), dailyWhenOverdue: z.boolean().default(true) }).prefault({}),
  escalation: z
    .strictObject({
      afterDays: days(7),
      to: z
        .array(z.enum(['manager', 'compliance-lead']))
        .min(1, 'name at least one of manager, compliance-lead')
        .default(['manager', 'compliance-lead']),
    })
    .prefault({}),
  unreviewed: z.enum(['flag', 'revoke']).default('flag'),
});

/** A file given by absolute path (a mounted secret) or relative to the repository root. */
const anyPath = z.string().trim().min(1, 'must be a file path');

export const backupCheckSettingsSchema = block('backup-check', {
  /** A repository file, or an http(s) URL that serves the backup report as JSON. */
  report: z
    .string()
    .trim()
    .refine((s) => (isUrl(s) ? URL.canParse(s) : isRepoPath(s)), `must be an http(s) URL or ${REPO_PATH_HINT}`),
  register: repoPath,
  /** An HR directory export synced before owners are told (default: the directory the store already holds). */
  people: repoPath.optional(),
  /**
   * A header sent with a URL report. Its value is read at run time from `valueFile` (absolute, or
   * relative to the repository root), so the secret never sits in the workflow file or the environment.
   */
  authHeader: z
    .strictObject({
      name: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name such as Authorization'),
      valueFile: anyPath,
    })
    .optional(),
}).superRefine((settings, ctx) => {
  if (settings.authHeader && !isUrl(settings.report)) {
    ctx.addIssue({
      code: 'custom',
      path: ['authHeader'],
      message: 'only a report fetched from an http(s) URL is sent a header: remove authHeader, or make report a URL',
    });
  }
});

const months = (fallback: number) => z.number().int().min(1, 'must be at least 1 month').default(fallback);

export const supplierReviewSettingsSchema = block('supplier-review', {
  register: repoPath,
  /** An HR directory export synced before owners are told (default: the directory the store already holds). */
  people: repoPath.optional(),
  cadenceMonths: z
    .strictObject({ critical: months(6), high: months(12), medium: months(24), low: months(36) })
    .prefault({}),
  /** How long before its due date a review is asked for. */
  dueWithinDays: days(30),
  /** How long before a certificate or report runs out the owner is asked to renew it. */
  expiringWithinDays: days(30),
});

export const digestSettingsSchema = block('digest', {
  period: z.enum(['weekly', 'daily']),
  channels: z.array(z.string().trim().min(1)).min(1).optional(),
});

/** Only the part of the catalog a definition needs, so tests can pass a small fake. */
export type ControlResolver = Pick<Catalog, 'resolveId'>;

const fromProblem = (problemOf: (s: string) => string | null) => (value: string, ctx: z.core.$RefinementCtx) => {
  const problem = problemOf(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

function commonShape(catalog: ControlResolver) {
  const controlId = z.string().transform((raw, ctx) => {
    const id = catalog.resolveId(raw);
    if (id) return id;
    ctx.addIssue({ code: 'custom', message: `unknown control "${raw}": use a catalog id such as 9.2.5 or CLD.9.5.1` });
    return z.NEVER;
  });
  return {
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'name must be kebab-case, e.g. quarterly-access-review'),
    description: z.string().trim().min(1).optional(),
    schedule: z.string().trim().superRefine(fromProblem(scheduleProblem)),
    timezone: z.string().trim().superRefine(fromProblem(timeZoneProblem)),
    controls: z
      .array(controlId)
      .min(1, 'list at least one control the workflow gives evidence for')
      .transform((ids) => [...new Set(ids)]),
    enabled: z.boolean().default(true),
  };
}

/** Builds the schema for one definition; control ids are checked against `catalog` and stored normalised. */
export function workflowDefinitionSchema(catalog: ControlResolver) {
  const common = commonShape(catalog);
  return z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ ...common, kind: z.literal('access-review'), accessReview: accessReviewSettingsSchema }),
      z.strictObject({ ...common, kind: z.literal('backup-check'), backupCheck: backupCheckSettingsSchema }),
      z.strictObject({ ...common, kind: z.literal('supplier-review'), supplierReview: supplierReviewSettingsSchema }),
      z.strictObject({ ...common, kind: z.literal('digest'), digest: digestSettingsSchema }),
    ],
    {
      error: (iss) => (iss.code === 'invalid_union' ? `kind must be one of ${WORKFLOW_KINDS.join(', ')}` : undefined),
    },
  );
}

export type WorkflowDefinition = z.output<ReturnType<typeof workflowDefinitionSchema>>;
export type AccessReviewWorkflow = Extract<WorkflowDefinition, { kind: 'access-review' }>;
export type BackupCheckWorkflow = Extract<WorkflowDefinition, { kind: 'backup-check' }>;
export type SupplierReviewWorkflow = Extract<WorkflowDefinition, { kind: 'supplier-review' }>;
export type DigestWorkflow = Extract<WorkflowDefinition, { kind: 'digest' }>;
export type AccessReviewSettings = AccessReviewWorkflow['accessReview'];
export type BackupCheckSettings = BackupCheckWorkflow['backupCheck'];
export type SupplierReviewSettings = SupplierReviewWorkflow['supplierReview'];
export type DigestSettings = DigestWorkflow['digest'];

/** A repository file a definition refers to, with the key path where it is named (for file:line). */
export interface SourceFileRef {
  path: (string | number)[];
  file: string;
}

/** Every repository file a definition reads; URLs are left out (they are fetched at run time). */
export function sourceFilesOf(def: WorkflowDefinition): SourceFileRef[] {
  switch (def.kind) {
    case 'access-review':
      return (['people', 'entitlements', 'systems'] as const).map((k) => ({
        path: ['accessReview', 'sources', k],
        file: def.accessReview.sources[k],
      }));
    case 'backup-check':
      return [
        ...(isUrl(def.backupCheck.report) ? [] : [{ path: ['backupCheck', 'report'], file: def.backupCheck.report }]),
        { path: ['backupCheck', 'register'], file: def.backupCheck.register },
        ...(def.backupCheck.people ? [{ path: ['backupCheck', 'people'], file: def.backupCheck.people }] : []),
      ];
    case 'supplier-review':
      return [
        { path: ['supplierReview', 'register'], file: def.supplierReview.register },
        ...(def.supplierReview.people ? [{ path: ['supplierReview', 'people'], file: def.supplierReview.people }] : []),
      ];
    case 'digest':
      return [];
  }
}

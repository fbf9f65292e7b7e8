/** The documents of the backup-check and supplier-review workflows (re-exported by records.ts). */

/** How an owner answered a failing backup check: acknowledged it, or explained it. */
export interface BackupAcknowledgement {
  decision: 'acknowledged' | 'explained';
  comment: string | null;
  /** Person id and name of who answered. */
  by: string;
  byName: string;
  at: Date;
  attestationId: string;
}

/** A system failing a backup check, as the digest and the owners' lists show it. */
export interface BackupFailure {
  system: string;
  name: string;
  ownerId: string;
  /** The owner's name when the check ran (null when the directory did not know them). */
  ownerName: string | null;
  reasons: { code: string; text: string }[];
  /** When the current run of failures began; null while passing. */
  failingSince: Date | null;
  /** The owner's answer to this failure, if they gave one. */
  acknowledgement: BackupAcknowledgement | null;
}

/**
 * One system's result in a backup-check run, in full. Results are written per run and found by
 * id (`<run id>#<system>`) through the workflow's latest BackupRunRecord; older runs' results are
 * dropped (they live on in the ledger as attestations).
 */
export interface BackupCheckRecord extends BackupFailure {
  _id: string;
  runId: string;
  workflow: string;
  status: 'pass' | 'fail';
  checkedAt: Date;
  controlIds: string[];
  attestationId: string | null;
  /** What the check saw: last good backup, jobs, restore test, ... */
  facts: Record<string, unknown>;
}

/**
 * The latest completed run of one backup-check workflow (`_id` is the workflow): written last, so
 * it only ever names a run whose results are all stored. Small enough to read whole: it lists only
 * the failing systems, and counts per owner.
 */
export interface BackupRunRecord {
  _id: string;
  runId: string;
  checkedAt: Date;
  controlIds: string[];
  /** How many systems pass and fail, per owner. */
  owners: { ownerId: string; pass: number; fail: number }[];
  failing: BackupFailure[];
}

/** How a BackupRunRecord is stored: `data` packs controlIds, owners and failing (see repos/packed.ts). */
export interface PackedBackupRunRecord {
  _id: string;
  runId: string;
  checkedAt: Date;
  data: string;
}

/** The latest acknowledgement per system; it holds while the same failure (since, reasons) lasts. */
export interface BackupAckRecord extends BackupAcknowledgement {
  /** The system. */
  _id: string;
  failingSince: Date;
  /** The reason codes acknowledged. */
  reasons: string[];
}

/** The latest restore test per system, as an owner attested it. */
export interface RestoreTestRecord {
  /** The system. */
  _id: string;
  testedAt: Date;
  result: 'success' | 'partial' | 'failed';
  restored: string;
  restoreMinutes: number;
  by: string;
  byName: string;
  at: Date;
  attestationId: string;
}

/** A supplier from the register, with the review state controlbot keeps for it. */
export interface SupplierRecord {
  _id: string;
  workflow: string;
  name: string;
  service: string;
  ownerId: string;
  tier: 'critical' | 'high' | 'medium' | 'low';
  dataShared: string[];
  status: 'active' | 'offboarded';
  /** The last review the register names. */
  registerReviewedAt: Date;
  documents: { type: string; expires: Date | null; periodEnd: Date | null }[];
  /** The workflow's rules for this supplier's tier, kept so the state can be judged without the workflow. */
  policy: { cadenceMonths: number; dueWithinDays: number; expiringWithinDays: number };
  controlIds: string[];
  /** The last review answered in chat. */
  lastReview: {
    cycle: string;
    decision: string;
    notes: string | null;
    at: Date;
    by: string;
    byName: string;
    attestationId: string;
  } | null;
  /** The earliest moment the supplier needs attention (review due, document expiring); null: never. */
  attentionFrom: Date | null;
  updatedAt: Date;
}

/** A supplier on the watch list (needing attention before the workflow's next runs), packed whole in `data`. */
export interface SupplierWatchRecord {
  _id: string;
  workflow: string;
  attentionFrom: Date | null;
  data: string;
}

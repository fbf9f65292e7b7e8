import { Schema } from 'mongoose';
import { COLLECTIONS } from '../collections';

// The same options as schemas.ts: empty objects kept, unknown fields an error, ids chosen by us.
const options = { versionKey: false, minimize: false, strict: 'throw', _id: false } as const;
const { Mixed } = Schema.Types;
const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;
const nullableDate = { type: Date, default: null } as const;

const acknowledgement = {
  decision: { type: String, required: true, enum: ['acknowledged', 'explained'] },
  comment: nullableStr,
  by: str,
  byName: str,
  at: { type: Date, required: true },
  attestationId: str,
} as const;
const reason = new Schema({ code: str, text: str }, options);
const supplierDocument = new Schema({ type: str, expires: nullableDate, periodEnd: nullableDate }, options);
const lastReview = new Schema(
  {
    cycle: str,
    decision: str,
    notes: nullableStr,
    at: { type: Date, required: true },
    by: str,
    byName: str,
    attestationId: str,
  },
  options,
);
const positiveInt = { type: Number, required: true, min: 1 } as const;
const failure = {
  system: str,
  name: str,
  ownerId: str,
  ownerName: nullableStr,
  reasons: { type: [reason], default: [] },
  failingSince: nullableDate,
  acknowledgement: { type: new Schema(acknowledgement, options), default: null },
} as const;
const supplier = new Schema(
  {
    _id: str,
    workflow: str,
    name: str,
    service: str,
    ownerId: str,
    tier: { type: String, required: true, enum: ['critical', 'high', 'medium', 'low'] },
    dataShared: { type: [String], default: [] },
    status: { type: String, required: true, enum: ['active', 'offboarded'] },
    registerReviewedAt: { type: Date, required: true },
    documents: { type: [supplierDocument], default: [] },
    policy: new Schema(
      { cadenceMonths: positiveInt, dueWithinDays: positiveInt, expiringWithinDays: positiveInt },
      options,
    ),
    controlIds: { type: [String], default: [] },
    lastReview: { type: lastReview, default: null },
    attentionFrom: nullableDate,
    updatedAt: { type: Date, required: true },
  },
  options,
);

/** Schemas of the backup-check and supplier-review collections (merged into SCHEMAS). */
export const FOLLOW_UP_SCHEMAS: Record<string, Schema> = {
  [COLLECTIONS.backupChecks.name]: new Schema(
    {
      _id: str,
      runId: str,
      workflow: str,
      ...failure,
      status: { type: String, required: true, enum: ['pass', 'fail'] },
      checkedAt: { type: Date, required: true },
      controlIds: { type: [String], default: [] },
      attestationId: nullableStr,
      facts: { type: Mixed, default: {} },
    },
    options,
  ),
  [COLLECTIONS.backupRuns.name]: new Schema(
    { _id: str, runId: str, checkedAt: { type: Date, required: true }, data: str },
    options,
  ),
  [COLLECTIONS.backupAcks.name]: new Schema(
    {
      _id: str,
      ...acknowledgement,
      failingSince: { type: Date, required: true },
      reasons: { type: [String], default: [] },
    },
    options,
  ),
  [COLLECTIONS.restoreTests.name]: new Schema(
    {
      _id: str,
      testedAt: { type: Date, required: true },
      result: { type: String, required: true, enum: ['success', 'partial', 'failed'] },
      restored: str,
      restoreMinutes: { type: Number, required: true, min: 0 },
      by: str,
      byName: str,
      at: { type: Date, required: true },
      attestationId: str,
    },
    options,
  ),
  [COLLECTIONS.suppliers.name]: supplier,
  [COLLECTIONS.supplierWatch.name]: new Schema(
    { _id: str, workflow: str, attentionFrom: nullableDate, data: str },
    options,
  ),
};

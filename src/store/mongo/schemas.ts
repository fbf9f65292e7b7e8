import { Schema } from 'mongoose';
import { COLLECTIONS } from '../collections';
import { FOLLOW_UP_SCHEMAS } from './follow-up-schemas';

const { Mixed } = Schema.Types;
// minimize:false keeps empty objects (an attestation's `{}` evidence is part of its hash);
// strict:'throw' makes a field the schema does not know an error instead of silent loss.
const options = { versionKey: false, minimize: false, strict: 'throw', _id: false } as const;
const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;
const nullableDate = { type: Date, default: null } as const;
const platform = { type: String, required: true, enum: ['slack', 'teams', 'web', 'cli', 'system'] } as const;

const step = new Schema(
  {
    name: str,
    status: { type: String, required: true, enum: ['pass', 'fail', 'error'] },
    detail: nullableStr,
    durationMs: { type: Number, required: true, min: 0 },
  },
  options,
);

/** Mongoose schemas with validation and the indexes of COLLECTIONS, keyed by collection name. */
export const SCHEMAS: Record<string, Schema> = {
  [COLLECTIONS.people.name]: new Schema(
    {
      _id: str,
      email: { type: String, required: true, lowercase: true, match: /^[^@\s]+@[^@\s]+$/ },
      name: str,
      managerId: nullableStr,
      department: nullableStr,
      status: { type: String, required: true, enum: ['active', 'terminated'] },
      roles: { type: [String], default: [] },
      chatIds: { type: [String], default: [] },
      updatedAt: { type: Date, required: true },
    },
    options,
  ),
  [COLLECTIONS.runs.name]: new Schema(
    {
      _id: str,
      workflow: str,
      slot: str,
      owner: str,
      status: { type: String, required: true, enum: ['running', 'succeeded', 'failed', 'partial'] },
      caughtUp: { type: Boolean, required: true },
      startedAt: { type: Date, required: true },
      endedAt: nullableDate,
      steps: { type: [step], default: [] },
    },
    options,
  ),
  [COLLECTIONS.campaigns.name]: new Schema(
    {
      _id: str,
      workflow: str,
      kind: str,
      name: str,
      status: { type: String, required: true, enum: ['creating', 'open', 'closed'] },
      startedAt: { type: Date, required: true },
      dueAt: { type: Date, required: true },
      closedAt: nullableDate,
      summary: { type: Mixed, default: {} },
      followUps: { type: Mixed, default: {} },
      progress: { type: Mixed, default: null },
    },
    options,
  ),
  [COLLECTIONS.reviewItems.name]: new Schema(
    {
      _id: str,
      campaignId: str,
      position: { type: Number, required: true, min: 0 },
      reviewerId: str,
      subjectId: nullableStr,
      subjectName: str,
      system: str,
      account: str,
      entitlement: str,
      flags: { type: [String], default: [] },
      status: { type: String, required: true, enum: ['open', 'decided'] },
      decision: nullableStr,
      reason: nullableStr,
      decidedBy: nullableStr,
      decidedAt: nullableDate,
      attestationId: nullableStr,
      facts: { type: Mixed, default: {} },
      remindersSent: { type: Number, default: 0 },
      lastRemindedAt: nullableDate,
      escalationLevel: { type: Number, default: 0 },
    },
    options,
  ),
  [COLLECTIONS.reviewInbox.name]: new Schema(
    {
      _id: str,
      campaignId: str,
      reviewerId: str,
      parts: { type: Number, required: true, min: 1 },
      assigned: str,
      changes: { type: Mixed, default: {} },
    },
    options,
  ),
  [COLLECTIONS.attestations.name]: new Schema(
    {
      _id: str,
      seq: { type: Number, required: true, min: 1 },
      id: str,
      type: str,
      subject: str,
      controlIds: { type: [String], required: true },
      actor: new Schema({ id: str, name: str, platform }, options),
      decision: str,
      comment: nullableStr,
      evidence: { type: Mixed, default: {} },
      at: { type: Date, required: true },
      catalogVersion: str,
      idempotencyKey: str,
      prevHash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
      hash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
    },
    options,
  ),
  [COLLECTIONS.outbox.name]: new Schema(
    {
      _id: str,
      dedupeKey: str,
      platform,
      target: str,
      payload: { type: Mixed, required: true },
      status: { type: String, required: true, enum: ['pending', 'sending', 'sent', 'dead'] },
      attempts: { type: Number, required: true, min: 0 },
      claims: { type: Number, required: true, min: 0 },
      nextAttemptAt: { type: Date, required: true },
      claimedUntil: nullableDate,
      claimedBy: nullableStr,
      lastError: nullableStr,
      createdAt: { type: Date, required: true },
      sentAt: nullableDate,
    },
    options,
  ),
  [COLLECTIONS.outboxClaims.name]: new Schema({ _id: str, until: { type: Date, required: true } }, options),
  [COLLECTIONS.conversations.name]: new Schema(
    {
      _id: str,
      platform,
      key: str,
      personId: nullableStr,
      ref: { type: Mixed, required: true },
      updatedAt: { type: Date, required: true },
    },
    options,
  ),
  [COLLECTIONS.questions.name]: new Schema(
    {
      _id: str,
      text: str,
      askedAt: { type: Date, required: true },
      platform,
      suggestions: { type: [String], default: [] },
    },
    options,
  ),
  [COLLECTIONS.importedControls.name]: new Schema(
    {
      _id: str,
      catalog: { type: String, required: true, match: /^[a-z0-9][a-z0-9-]*$/ },
      controlId: str,
      title: str,
      text: { type: String, default: '' },
      group: nullableStr,
      importedAt: { type: Date, required: true },
    },
    options,
  ),
  [COLLECTIONS.votes.name]: new Schema(
    {
      _id: str,
      answerId: str,
      helpful: { type: Boolean, required: true },
      question: { type: String, default: '' },
      controlIds: { type: [String], default: [] },
      platform,
      at: { type: Date, required: true },
    },
    options,
  ),
  ...FOLLOW_UP_SCHEMAS,
  [COLLECTIONS.leases.name]: new Schema({ _id: str, owner: str, expiresAt: { type: Date, required: true } }, options),
};

for (const spec of Object.values(COLLECTIONS)) {
  for (const index of spec.indexes) SCHEMAS[spec.name]?.index(index.fields, { unique: index.unique ?? false });
}

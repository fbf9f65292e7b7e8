import type { IndexSpec } from './collection';

/** Collection names and the indexes their queries need; both adapters create exactly these. */
export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

const defineCollections = <K extends string>(specs: Record<K, CollectionSpec>) => specs;

export const COLLECTIONS = defineCollections({
  people: {
    name: 'people',
    indexes: [{ fields: { email: 1 }, unique: true }, { fields: { chatIds: 1 } }, { fields: { managerId: 1 } }],
  },
  runs: {
    name: 'workflow_runs',
    indexes: [{ fields: { workflow: 1, slot: 1 }, unique: true }, { fields: { startedAt: 1 } }],
  },
  campaigns: { name: 'campaigns', indexes: [{ fields: { status: 1 } }, { fields: { workflow: 1 } }] },
  reviewItems: {
    name: 'review_items',
    // Item ids are `<campaign>#<position>`, so `_id` already makes (campaign, position) unique; the
    // index serves MongoDB's sorted scans. A reviewer's items are read from `review_inbox`.
    indexes: [{ fields: { campaignId: 1, position: 1 }, unique: true, embedded: false }],
  },
  /** Each reviewer's items per campaign, read by `_id` (repos/review-inbox.ts). */
  reviewInbox: { name: 'review_inbox', indexes: [{ fields: { campaignId: 1 } }] },
  attestations: {
    name: 'attestations',
    indexes: [
      { fields: { seq: 1 }, unique: true },
      { fields: { idempotencyKey: 1 }, unique: true },
      { fields: { at: 1 } },
      { fields: { type: 1 } },
    ],
  },
  outbox: {
    name: 'outbox',
    indexes: [{ fields: { dedupeKey: 1 }, unique: true }, { fields: { status: 1, nextAttemptAt: 1 } }],
  },
  /** Claims of outbox messages being made right now, keyed by `<messageId>:<claim number>`. */
  outboxClaims: { name: 'outbox_claims', indexes: [] },
  conversations: { name: 'conversation_refs', indexes: [{ fields: { personId: 1 } }] },
  leases: { name: 'leases', indexes: [] },
  questions: { name: 'questions', indexes: [{ fields: { askedAt: 1 } }] },
  importedControls: { name: 'imported_controls', indexes: [{ fields: { catalog: 1 } }] },
  votes: { name: 'votes', indexes: [{ fields: { at: 1 } }] },
  backupChecks: { name: 'backup_checks', indexes: [{ fields: { workflow: 1 } }] },
  backupRuns: { name: 'backup_runs', indexes: [] },
  backupAcks: { name: 'backup_acks', indexes: [] },
  restoreTests: { name: 'restore_tests', indexes: [] },
  suppliers: { name: 'suppliers', indexes: [{ fields: { workflow: 1 } }, { fields: { ownerId: 1 } }] },
  /** The suppliers needing attention before a workflow's next runs: what the digest reads. */
  supplierWatch: { name: 'supplier_watch', indexes: [{ fields: { workflow: 1 } }] },
});

export type CollectionKey = keyof typeof COLLECTIONS;

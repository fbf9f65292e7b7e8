/** The documents controlbot keeps. Every id is a string chosen by us, never by the database. */

export type Platform = 'slack' | 'teams' | 'web' | 'cli' | 'system';

export interface PersonRecord {
  _id: string;
  email: string;
  name: string;
  managerId: string | null;
  department: string | null;
  status: 'active' | 'terminated';
  roles: string[];
  /** Chat identities as `platform:userId` (e.g. `slack:T01:U123`, `teams:<aad object id>`). */
  chatIds: string[];
  updatedAt: Date;
}

export interface StepResult {
  name: string;
  status: 'pass' | 'fail' | 'error';
  detail: string | null;
  durationMs: number;
}

export interface WorkflowRunRecord {
  _id: string;
  workflow: string;
  /** The scheduled slot as an ISO timestamp; unique per workflow, so one replica runs a slot. */
  slot: string;
  owner: string;
  status: 'running' | 'succeeded' | 'failed' | 'partial';
  caughtUp: boolean;
  startedAt: Date;
  endedAt: Date | null;
  steps: StepResult[];
}

export interface CampaignRecord {
  _id: string;
  workflow: string;
  kind: string;
  name: string;
  /** `creating` until every item is written; a restart resumes a campaign left in that state. */
  status: 'creating' | 'open' | 'closed';
  startedAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  /** Kind-specific figures: counts of items, skipped source rows, flags. */
  summary: Record<string, unknown>;
  /** Reminder state per reviewer (key: reviewer id), one small document write per reminder. */
  followUps: Record<string, { lastRemindedAt: Date | null; escalationLevel: number }>;
  /** Completion as of the last follow-up pass, so digests read one document per campaign. */
  progress?: CampaignProgress | null;
}

export interface CampaignProgress {
  open: number;
  decided: number;
  /** Open items per reviewer id. */
  openByReviewer: Record<string, number>;
  at: Date;
}

export interface ReviewItemRecord {
  _id: string;
  campaignId: string;
  /** Order within the campaign (source order): resuming and paging follow it. */
  position: number;
  reviewerId: string;
  subjectId: string | null;
  subjectName: string;
  system: string;
  /** The account on the system (login, email, service account name). */
  account: string;
  entitlement: string;
  flags: string[];
  status: 'open' | 'decided';
  decision: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  attestationId: string | null;
  /** Kind-specific facts captured when the campaign started (last login, privileged, ...). */
  facts: Record<string, unknown>;
  remindersSent: number;
  lastRemindedAt: Date | null;
  escalationLevel: number;
}

/** A review item's state when its campaign starts: open, undecided, never reminded. */
export const OPEN_ITEM_STATE = {
  status: 'open',
  decision: null,
  reason: null,
  decidedBy: null,
  decidedAt: null,
  attestationId: null,
  remindersSent: 0,
  lastRemindedAt: null,
  escalationLevel: 0,
} as const satisfies Partial<ReviewItemRecord>;

/**
 * One reviewer's items in one campaign, copied from `review_items` so a reviewer's reviews are read
 * by `_id` alone (see repos/review-inbox.ts): FerretDB v1 reads a whole table for any other query.
 */
export interface ReviewInboxRecord {
  /** `["<campaign id>","<reviewer id>"]`, with the part number as a third element from part 1 on. */
  _id: string;
  campaignId: string;
  reviewerId: string;
  /** How many documents (parts) the reviewer's items of the campaign were split into when it started. */
  parts: number;
  /** The items assigned when the campaign started: a JSON array of packed items. */
  assigned: string;
  /** Later states of items, by position (part 0 only): decisions and delegations, packed. */
  changes: Record<string, string>;
}

export interface AttestationActor {
  id: string;
  name: string;
  platform: Platform;
}

export interface AttestationRecord {
  _id: string;
  seq: number;
  id: string;
  type: string;
  subject: string;
  controlIds: string[];
  actor: AttestationActor;
  decision: string;
  comment: string | null;
  evidence: Record<string, unknown>;
  at: Date;
  catalogVersion: string;
  idempotencyKey: string;
  prevHash: string;
  hash: string;
}

export interface OutboxRecord {
  _id: string;
  /** Unique: enqueueing the same key twice never sends twice. */
  dedupeKey: string;
  platform: Platform;
  target: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'sending' | 'sent' | 'dead';
  attempts: number;
  /**
   * Claims made so far. Unlike `attempts` (a claim handed back unsent is not counted) it only ever
   * grows, so claim number n is made once: `${_id}:${n}` names the document whose insert decides
   * who makes it. Absent on messages queued before it existed, read as 0.
   */
  claims: number;
  nextAttemptAt: Date;
  claimedUntil: Date | null;
  /** Names the claimDue call that made the latest claim (null before the first); absent on older messages. */
  claimedBy?: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * Arbitrates one claim of an outbox message: `_id` is `<messageId>:<claim number>`, and only the
 * process whose insert succeeds may take that claim. Deleted once the claim is settled; one left by
 * a process that died mid-claim expires with the claim it was for (`until`).
 */
export interface OutboxClaimRecord {
  _id: string;
  until: Date;
}

export interface ConversationRefRecord {
  /** `platform:key`, e.g. `teams:<aad object id>` or `slack:C0123`. */
  _id: string;
  platform: Platform;
  key: string;
  personId: string | null;
  ref: Record<string, unknown>;
  updatedAt: Date;
}

export interface LeaseRecord {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/** A question the bot could not answer confidently, kept (redacted) for the compliance lead's digest. */
export interface QuestionRecord {
  _id: string;
  /** The question with emails, user ids and secrets removed. */
  text: string;
  askedAt: Date;
  platform: Platform;
  /** Weak candidates, for the compliance lead to judge. */
  suggestions: string[];
}

/** A control imported from another catalog (OSCAL), answered from alongside ISO/IEC 27017. */
export interface ImportedControlRecord {
  /** `<catalog>:<control id>`, e.g. `nist-800-53:ac-2`. */
  _id: string;
  catalog: string;
  controlId: string;
  title: string;
  text: string;
  group: string | null;
  importedAt: Date;
}

/** A "was this helpful?" vote on an answer; one per person and answer, the last click wins. */
export interface VoteRecord {
  /** `<platform>:<user>:<answer id>`, so a double click or a changed mind never counts twice. */
  _id: string;
  answerId: string;
  helpful: boolean;
  /** The question, redacted, so the digest can show what did not help. */
  question: string;
  controlIds: string[];
  platform: Platform;
  at: Date;
}

// The backup-check and supplier-review documents.
export type * from './follow-up-records';

import type { AttestationInput } from '../../src/ledger/attestation-input';
import { OPEN_ITEM_STATE, type OutboxRecord, type PersonRecord, type ReviewItemRecord } from '../../src/store/records';

/** Payload builders: each returns a valid record that a test overrides only where it matters. */
export const createDummyPerson = (over: Partial<PersonRecord> = {}): PersonRecord => ({
  _id: 'p-ada',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  managerId: null,
  department: 'Engineering',
  status: 'active',
  roles: [],
  chatIds: [],
  updatedAt: new Date('2026-11-01T09:00:00Z'),
  ...over,
});

export const createDummyReviewItem = (over: Partial<ReviewItemRecord> = {}): ReviewItemRecord => ({
  _id: 'ri-1',
  campaignId: 'c-1',
  position: 0,
  reviewerId: 'p-grace',
  subjectId: 'p-ada',
  subjectName: 'Ada Lovelace',
  system: 'AWS prod',
  account: 'ada',
  entitlement: 'AdministratorAccess',
  flags: ['privileged'],
  ...OPEN_ITEM_STATE,
  facts: { lastLoginAt: '2026-10-01' },
  ...over,
});

export const createDummyOutbox = (over: Partial<OutboxRecord> = {}): OutboxRecord => ({
  _id: 'ob-1',
  dedupeKey: 'reminder:ri-1:2026-11-23',
  platform: 'slack',
  target: 'U123',
  payload: { text: 'You have 3 access review items open' },
  status: 'pending',
  attempts: 0,
  claims: 0,
  nextAttemptAt: new Date('2026-11-23T09:00:00Z'),
  claimedUntil: null,
  lastError: null,
  createdAt: new Date('2026-11-23T08:59:00Z'),
  sentAt: null,
  ...over,
});

export const createDummyAttestation = (over: Partial<AttestationInput> = {}): AttestationInput => ({
  type: 'access-review.decision',
  subject: 'review-item:ri-1',
  controlIds: ['9.2.5'],
  actor: { id: 'p-grace', name: 'Grace Hopper', platform: 'slack' },
  decision: 'keep',
  comment: 'still needs prod access for on-call',
  evidence: { system: 'AWS prod', role: 'AdministratorAccess', lastLogin: '2026-10-01' },
  ...over,
});

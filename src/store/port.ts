import type { AppendCollection, Doc, MutableCollection } from './collection';
import { COLLECTIONS, type CollectionSpec } from './collections';
import type {
  AttestationRecord,
  BackupAckRecord,
  BackupCheckRecord,
  CampaignRecord,
  ConversationRefRecord,
  ImportedControlRecord,
  LeaseRecord,
  OutboxClaimRecord,
  OutboxRecord,
  PackedBackupRunRecord,
  PersonRecord,
  QuestionRecord,
  RestoreTestRecord,
  ReviewInboxRecord,
  ReviewItemRecord,
  SupplierRecord,
  SupplierWatchRecord,
  VoteRecord,
  WorkflowRunRecord,
} from './records';
import { type AttestationsRepo, attestationsRepo } from './repos/attestations';
import {
  type BackupAcksRepo,
  type BackupChecksRepo,
  type BackupRunsRepo,
  backupAcksRepo,
  backupChecksRepo,
  backupRunsRepo,
  type RestoreTestsRepo,
  restoreTestsRepo,
} from './repos/backups';
import { type CampaignsRepo, campaignsRepo, type ReviewItemsRepo, reviewItemsRepo } from './repos/campaigns';
import { type ConversationsRepo, conversationsRepo } from './repos/conversations';
import { type LeasesRepo, leasesRepo } from './repos/leases';
import { type OutboxRepo, outboxRepo } from './repos/outbox';
import { type PeopleRepo, peopleRepo } from './repos/people';
import {
  type ImportedControlsRepo,
  importedControlsRepo,
  type QuestionsRepo,
  questionsRepo,
  type VotesRepo,
  votesRepo,
} from './repos/questions';
import { type RunsRepo, runsRepo } from './repos/runs';
import { type SuppliersRepo, suppliersRepo } from './repos/suppliers';

/** What an adapter (mongo/, local/) provides: collections plus its own lifecycle. */
export interface Backend {
  readonly kind: 'mongo' | 'local';
  /** A human-readable location for messages: the data folder or the server address (no credentials). */
  readonly location: string;
  mutable<T extends Doc>(spec: CollectionSpec): MutableCollection<T>;
  appendOnly<T extends Doc>(spec: CollectionSpec): AppendCollection<T>;
  /** Resolves when the store answers; rejects with AppError('store_unavailable') otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The persistence port every service depends on. */
export interface Store {
  readonly kind: Backend['kind'];
  readonly location: string;
  readonly people: PeopleRepo;
  readonly runs: RunsRepo;
  readonly campaigns: CampaignsRepo;
  readonly reviewItems: ReviewItemsRepo;
  readonly attestations: AttestationsRepo;
  readonly outbox: OutboxRepo;
  readonly conversations: ConversationsRepo;
  readonly leases: LeasesRepo;
  readonly questions: QuestionsRepo;
  readonly importedControls: ImportedControlsRepo;
  readonly votes: VotesRepo;
  readonly backupChecks: BackupChecksRepo;
  readonly backupRuns: BackupRunsRepo;
  readonly backupAcks: BackupAcksRepo;
  readonly restoreTests: RestoreTestsRepo;
  readonly suppliers: SuppliersRepo;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function createStore(backend: Backend): Store {
  return {
    kind: backend.kind,
    location: backend.location,
    people: peopleRepo(backend.mutable<PersonRecord>(COLLECTIONS.people)),
    runs: runsRepo(backend.mutable<WorkflowRunRecord>(COLLECTIONS.runs)),
    campaigns: campaignsRepo(backend.mutable<CampaignRecord>(COLLECTIONS.campaigns)),
    reviewItems: reviewItemsRepo(
      backend.mutable<ReviewItemRecord>(COLLECTIONS.reviewItems),
      backend.kind === 'local' ? null : backend.mutable<ReviewInboxRecord>(COLLECTIONS.reviewInbox),
      backend.mutable<CampaignRecord>(COLLECTIONS.campaigns),
    ),
    attestations: attestationsRepo(backend.appendOnly<AttestationRecord>(COLLECTIONS.attestations)),
    outbox: outboxRepo(
      backend.mutable<OutboxRecord>(COLLECTIONS.outbox),
      backend.mutable<OutboxClaimRecord>(COLLECTIONS.outboxClaims),
    ),
    conversations: conversationsRepo(backend.mutable<ConversationRefRecord>(COLLECTIONS.conversations)),
    leases: leasesRepo(backend.mutable<LeaseRecord>(COLLECTIONS.leases)),
    questions: questionsRepo(backend.mutable<QuestionRecord>(COLLECTIONS.questions)),
    importedControls: importedControlsRepo(backend.mutable<ImportedControlRecord>(COLLECTIONS.importedControls)),
    votes: votesRepo(backend.mutable<VoteRecord>(COLLECTIONS.votes)),
    backupChecks: backupChecksRepo(backend.mutable<BackupCheckRecord>(COLLECTIONS.backupChecks)),
    backupRuns: backupRunsRepo(backend.mutable<PackedBackupRunRecord>(COLLECTIONS.backupRuns)),
    backupAcks: backupAcksRepo(backend.mutable<BackupAckRecord>(COLLECTIONS.backupAcks)),
    restoreTests: restoreTestsRepo(backend.mutable<RestoreTestRecord>(COLLECTIONS.restoreTests)),
    suppliers: suppliersRepo(
      backend.mutable<SupplierRecord>(COLLECTIONS.suppliers),
      backend.mutable<SupplierWatchRecord>(COLLECTIONS.supplierWatch),
    ),
    ping: () => backend.ping(),
    close: () => backend.close(),
  };
}

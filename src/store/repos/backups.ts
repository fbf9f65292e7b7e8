import { isAppError } from '../../kernel/errors';
import type { MutableCollection } from '../collection';
import type {
  BackupAcknowledgement,
  BackupAckRecord,
  BackupCheckRecord,
  BackupRunRecord,
  PackedBackupRunRecord,
  RestoreTestRecord,
} from '../records';
import { pack, unpack } from './packed';

const BATCH = 1000;
const checkId = (runId: string, system: string) => `${runId}#${system}`;

/**
 * Backup-check results. Reads go by id (pushed down by every server, FerretDB v1 included);
 * the only scans are the daily run's own clean-up.
 */
export interface BackupChecksRepo {
  /**
   * Writes a run's results in batches; results already written by an interrupted attempt of the
   * same run are skipped, so a retried run never duplicates one.
   */
  insertRun(records: readonly BackupCheckRecord[]): Promise<void>;
  get(runId: string, system: string): Promise<BackupCheckRecord | null>;
  /** Drops the results of every other run of the workflow (after its run record moved on). */
  dropOtherRuns(workflow: string, runId: string): Promise<number>;
  /** Puts an owner's answer on a system's result of a run, if it still fails since `failingSince`. */
  acknowledge(runId: string, system: string, failingSince: Date, ack: BackupAcknowledgement): Promise<boolean>;
}

export function backupChecksRepo(col: MutableCollection<BackupCheckRecord>): BackupChecksRepo {
  const insertMissing = async (batch: readonly BackupCheckRecord[]) => {
    try {
      await col.insertMany(batch);
    } catch (err) {
      if (!isAppError(err, 'duplicate')) throw err;
      const have = new Set((await col.find({ _id: { $in: batch.map((r) => r._id) } })).map((r) => r._id));
      const missing = batch.filter((r) => !have.has(r._id));
      if (missing.length > 0) await col.insertMany(missing);
    }
  };
  return {
    async insertRun(records) {
      for (let i = 0; i < records.length; i += BATCH) await insertMissing(records.slice(i, i + BATCH));
    },
    get: (runId, system) => col.findOne({ _id: checkId(runId, system) }),
    dropOtherRuns: (workflow, runId) => col.deleteMany({ workflow, runId: { $ne: runId } }),
    acknowledge: (runId, system, failingSince, ack) =>
      col.updateOne({ _id: checkId(runId, system), status: 'fail', failingSince }, { $set: { acknowledgement: ack } }),
  };
}

/** The latest run of each backup-check workflow: a handful of small documents, read whole. */
export interface BackupRunsRepo {
  /** Replaces the workflow's latest run: the moment a run's results become the current ones. */
  put(run: BackupRunRecord): Promise<void>;
  get(workflow: string): Promise<BackupRunRecord | null>;
  all(): Promise<BackupRunRecord[]>;
}

type RunBody = Pick<BackupRunRecord, 'controlIds' | 'owners' | 'failing'>;
const unpackRun = ({ data, ...head }: PackedBackupRunRecord): BackupRunRecord => ({
  ...head,
  ...unpack<RunBody>(data),
});

export function backupRunsRepo(col: MutableCollection<PackedBackupRunRecord>): BackupRunsRepo {
  return {
    put: ({ _id, runId, checkedAt, controlIds, owners, failing }) =>
      col.put({ _id, runId, checkedAt, data: pack({ controlIds, owners, failing } satisfies RunBody) }),
    get: async (workflow) => {
      const run = await col.findOne({ _id: workflow });
      return run ? unpackRun(run) : null;
    },
    all: async () => (await col.find({})).map(unpackRun),
  };
}

/** The latest acknowledgement per system while it fails; the daily run drops those of passing systems. */
export interface BackupAcksRepo {
  /** Replaces the system's acknowledgement (the newest answer counts). */
  put(ack: BackupAckRecord): Promise<void>;
  all(): Promise<BackupAckRecord[]>;
  drop(systems: readonly string[]): Promise<number>;
}

export function backupAcksRepo(col: MutableCollection<BackupAckRecord>): BackupAcksRepo {
  return {
    put: (ack) => col.put(ack),
    all: () => col.find({}),
    drop: async (systems) => (systems.length ? col.deleteMany({ _id: { $in: [...systems] } }) : 0),
  };
}

export interface RestoreTestsRepo {
  /** Keeps the test when it is at least as recent as the one stored; false when an older one was offered. */
  record(test: RestoreTestRecord): Promise<boolean>;
  get(system: string): Promise<RestoreTestRecord | null>;
  all(): Promise<RestoreTestRecord[]>;
}

export function restoreTestsRepo(col: MutableCollection<RestoreTestRecord>): RestoreTestsRepo {
  return {
    async record(test) {
      const { _id, ...fields } = test;
      if (await col.updateOne({ _id, testedAt: { $lte: test.testedAt } }, { $set: fields })) return true;
      try {
        await col.insertMany([test]);
        return true;
      } catch (err) {
        if (isAppError(err, 'duplicate')) return false;
        throw err;
      }
    },
    get: (system) => col.findOne({ _id: system }),
    all: () => col.find({}),
  };
}

import { type Clock, systemClock } from '../kernel/clock';
import { AppError, isAppError } from '../kernel/errors';
import { type IdGenerator, randomIds } from '../kernel/ids';
import { type Logger, silentLogger } from '../kernel/logger';
import type { AttestationRecord } from '../store/records';
import type { AttestationsRepo } from '../store/repos/attestations';
import { type AttestationInput, parseAttestationInput, type ValidAttestationInput } from './attestation-input';
import { attestationHash, GENESIS_HASH, sortKeysDeep } from './hash-chain';
import { type VerifyResult, verifyChain } from './verify';

export interface RecordResult {
  record: AttestationRecord;
  /** false when an attestation with the same idempotencyKey already existed and was returned instead. */
  created: boolean;
}

export interface Ledger {
  /** Appends one attestation, or returns the existing one for a repeated idempotencyKey. */
  record(input: AttestationInput): Promise<RecordResult>;
  verify(options?: { pageSize?: number }): Promise<VerifyResult>;
}

export interface LedgerOptions {
  attestations: AttestationsRepo;
  catalogVersion: string;
  /** Rejects unknown control ids; omitted, any id is accepted. */
  isKnownControl?: (id: string) => boolean;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
  /** Most records written in one insert (group commit). */
  maxBatch?: number;
  /** Attempts when other writers keep taking the next seq first. */
  maxAttempts?: number;
}

interface Pending {
  input: ValidAttestationInput & { idempotencyKey: string };
  resolve: (r: RecordResult) => void;
  reject: (err: unknown) => void;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The append-only, hash-chained attestation ledger. Concurrent record() calls in one process are
 * group-committed: whatever arrives while a write is in flight goes out as one ordered insert.
 * Across processes the unique `seq` index decides: the loser re-reads the tail and rebuilds its
 * records on top, so the chain never forks or gaps; the unique idempotencyKey makes retries safe.
 */
export function createLedger(options: LedgerOptions): Ledger {
  const { attestations, catalogVersion, isKnownControl } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const log = options.log ?? silentLogger;
  const maxBatch = options.maxBatch ?? 500;
  const maxAttempts = options.maxAttempts ?? 50;
  const queue: Pending[] = [];
  let flushing = false;
  let tail: { seq: number; hash: string } | null = null;

  const readTail = async () => {
    const last = await attestations.last();
    tail = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
    return tail;
  };

  const build = (batch: Pending[], from: { seq: number; hash: string }): AttestationRecord[] => {
    const at = clock.now();
    let prev = from;
    return batch.map(({ input }) => {
      const id = ids('att');
      const base = {
        _id: id,
        seq: prev.seq + 1,
        id,
        type: input.type,
        subject: input.subject,
        controlIds: input.controlIds,
        actor: input.actor,
        decision: input.decision,
        comment: input.comment ?? null,
        evidence: sortKeysDeep(input.evidence ?? {}),
        at,
        catalogVersion,
        idempotencyKey: input.idempotencyKey,
        prevHash: prev.hash,
      };
      const record = { ...base, hash: attestationHash(base) };
      prev = record;
      return record;
    });
  };

  /** Settles the pending entries whose key is already stored; returns the rest. */
  const settleExisting = async (batch: Pending[], ours: Map<string, string>): Promise<Pending[]> => {
    const found = await attestations.byIdempotencyKeys(batch.map((p) => p.input.idempotencyKey));
    const byKey = new Map(found.map((r) => [r.idempotencyKey, r]));
    return batch.filter((p) => {
      const existing = byKey.get(p.input.idempotencyKey);
      if (existing) p.resolve({ record: existing, created: ours.get(existing.idempotencyKey) === existing.id });
      return !existing;
    });
  };

  const commit = async (batch: Pending[]) => {
    // No read before the write: a repeated key fails the insert on its unique index and is
    // settled below, so the common case costs one insert per batch.
    const ours = new Map<string, string>();
    let todo = batch;
    for (let attempt = 1; todo.length > 0; attempt++) {
      const records = build(todo, tail ?? (await readTail()));
      for (const r of records) ours.set(r.idempotencyKey, r.id);
      try {
        await attestations.append(records);
        const last = records[records.length - 1] as AttestationRecord;
        tail = { seq: last.seq, hash: last.hash };
        todo.forEach((p, i) => {
          p.resolve({ record: records[i] as AttestationRecord, created: true });
        });
        return;
      } catch (err) {
        if (!isAppError(err, 'duplicate')) throw err;
        if (attempt >= maxAttempts) {
          throw new AppError('conflict', `could not append after ${attempt} attempts: other writers keep winning`, {
            cause: err,
          });
        }
        log.debug({ attempt }, 'ledger: another writer took the next seq; rebuilding on the new tail');
        tail = null;
        await pause(Math.random() * Math.min(50, attempt * 5));
        todo = await settleExisting(todo, ours);
      }
    }
  };

  /** Requests with the same key inside one batch share the first one's outcome. */
  const dedupe = (batch: Pending[]): Pending[] => {
    const first = new Map<string, Pending[]>();
    for (const p of batch) {
      const group = first.get(p.input.idempotencyKey);
      if (group) group.push(p);
      else first.set(p.input.idempotencyKey, [p]);
    }
    return [...first.values()].map((group) => {
      const [lead, ...rest] = group as [Pending, ...Pending[]];
      if (rest.length === 0) return lead;
      return {
        input: lead.input,
        resolve: (r) => {
          lead.resolve(r);
          for (const p of rest) p.resolve({ record: r.record, created: false });
        },
        reject: (e) => {
          for (const p of group) p.reject(e);
        },
      };
    });
  };

  const flush = async () => {
    flushing = true;
    try {
      while (queue.length > 0) {
        // One turn of the event loop lets callers whose previous write just resolved queue
        // their next one, so batches fill up instead of going out one record at a time.
        if (queue.length < maxBatch) await new Promise((resolve) => setImmediate(resolve));
        const batch = dedupe(queue.splice(0, maxBatch));
        try {
          await commit(batch);
        } catch (err) {
          for (const p of batch) p.reject(err);
          tail = null;
        }
      }
    } finally {
      flushing = false;
    }
  };

  return {
    record(raw) {
      let input: ValidAttestationInput;
      try {
        input = parseAttestationInput(raw);
        const unknown = isKnownControl ? input.controlIds.filter((id) => !isKnownControl(id)) : [];
        if (unknown.length > 0) {
          throw new AppError(
            'invalid_input',
            `Invalid attestation: controlIds: unknown control ${unknown.join(', ')}`,
            {
              details: unknown.map((id) => `controlIds: unknown control ${id}`),
            },
          );
        }
      } catch (err) {
        return Promise.reject(err);
      }
      return new Promise<RecordResult>((resolve, reject) => {
        queue.push({ input: { ...input, idempotencyKey: input.idempotencyKey ?? ids('idem') }, resolve, reject });
        if (!flushing) void flush();
      });
    },
    verify: (opts = {}) => verifyChain(attestations.scan({ pageSize: opts.pageSize })),
  };
}

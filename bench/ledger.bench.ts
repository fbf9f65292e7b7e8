// Ledger benchmark: append 100,000 attestations and verify the chain, on the embedded store and on
// MongoDB (FerretDB when run through `npm run bench`), against the raw insertMany ceiling of the
// same documents on the same server.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import mongoose from 'mongoose';
import { silentLogger } from '../src/kernel/logger';
import { attestationHash } from '../src/ledger/hash-chain';
import { createLedger } from '../src/ledger/ledger';
import { verifyChain } from '../src/ledger/verify';
import { openLocalBackend } from '../src/store/local/local-backend';
import { openMongoBackend } from '../src/store/mongo/mongo-backend';
import { createStore, type Store } from '../src/store/port';
import type { AttestationRecord } from '../src/store/records';
import { pool, round, withPeakRss } from './support';

const TOTAL = Number(process.env.BENCH_LEDGER_RECORDS ?? 100_000);
const CHECKPOINT = Math.min(10_000, TOTAL);
const IN_FLIGHT = 1000;
const BATCH = 500;

const input = (i: number) => ({
  type: 'access-review.decision',
  subject: `review-item:ri-${i}`,
  controlIds: ['9.2.5', '9.2.3'],
  actor: { id: `p-${i % 200}`, name: `Reviewer ${i % 200}`, platform: 'slack' as const },
  decision: i % 5 === 0 ? 'revoke' : 'keep',
  comment: i % 5 === 0 ? 'no longer on the team' : null,
  evidence: { system: `system-${i % 15}`, role: 'admin', lastLogin: '2026-10-01', privileged: i % 3 === 0 },
  idempotencyKey: `bench-${i}`,
});

interface Phase {
  records: number;
  appendsPerSec: number;
  appendPeakRssMiB: number;
  verifyPerSec: number;
  verifyPeakRssMiB: number;
}

async function appendAndVerify(store: Store): Promise<{ phases: Phase[]; records: AttestationRecord[] }> {
  const ledger = createLedger({ attestations: store.attestations, catalogVersion: 'bench', maxBatch: BATCH });
  const phases: Phase[] = [];
  let done = 0;
  for (const upTo of [CHECKPOINT, TOTAL]) {
    const from = done;
    const append = await withPeakRss(() => pool(from, upTo, IN_FLIGHT, (i) => ledger.record(input(i))));
    done = upTo;
    const verify = await withPeakRss(() => ledger.verify({ pageSize: 5000 }));
    if (!verify.result.ok || verify.result.checked !== upTo)
      throw new Error(`verify failed: ${JSON.stringify(verify.result)}`);
    phases.push({
      records: upTo,
      appendsPerSec: round((upTo - from) / append.seconds, 0),
      appendPeakRssMiB: append.peakRssMiB,
      verifyPerSec: round(upTo / verify.seconds, 0),
      verifyPeakRssMiB: verify.peakRssMiB,
    });
    if (upTo === TOTAL) break;
  }
  const records: AttestationRecord[] = [];
  for await (const r of store.attestations.scan({ pageSize: 5000 })) records.push(r);
  return { phases, records };
}

/** Pure CPU: recompute every hash and link from records already in memory. */
async function verifyInMemory(records: AttestationRecord[]) {
  async function* iterate() {
    yield* records;
  }
  const { result, seconds } = await withPeakRss(() => verifyChain(iterate()));
  if (!result.ok) throw new Error('in-memory verify failed');
  return round(records.length / seconds, 0);
}

const batches = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function localBench() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-bench-local-'));
  const store = createStore(await openLocalBackend(dir, silentLogger));
  const { phases, records } = await appendAndVerify(store);
  await store.close();
  const raw = new Datastore({ filename: path.join(dir, 'ceiling.db') });
  await raw.loadDatabaseAsync();
  await raw.ensureIndexAsync({ fieldName: 'seq', unique: true });
  const ceiling = await withPeakRss(async () => {
    for (const b of batches(records, BATCH)) await raw.insertAsync(b);
  });
  await fs.rm(dir, { recursive: true, force: true });
  return { phases, ceilingInsertsPerSec: round(records.length / ceiling.seconds, 0), records };
}

async function mongoBench(uri: string) {
  const dbUri = uri.replace(/\/[^/?]*(\?|$)/, `/cb_bench_${Date.now()}$1`);
  const store = createStore(await openMongoBackend(dbUri, silentLogger));
  const { phases, records } = await appendAndVerify(store);
  await store.close();
  const conn = await mongoose.createConnection(dbUri).asPromise();
  const col = conn.db!.collection('ceiling');
  await col.createIndex({ seq: 1 }, { unique: true });
  const ceiling = await withPeakRss(async () => {
    for (const b of batches(records, BATCH))
      await col.insertMany(
        b.map((r) => ({ ...r }) as never),
        { ordered: true },
      );
  });
  await conn.dropDatabase();
  await conn.close();
  return { phases, ceilingInsertsPerSec: round(records.length / ceiling.seconds, 0) };
}

export async function ledgerBench(mongoUri: string | undefined) {
  const local = await localBench();
  const cpuVerifyPerSec = await verifyInMemory(local.records);
  const summarize = (r: { phases: Phase[]; ceilingInsertsPerSec: number }) => {
    const last = r.phases[r.phases.length - 1] as Phase;
    return { ...r, appendVsCeiling: round(last.appendsPerSec / r.ceilingInsertsPerSec, 2) };
  };
  const sanity = attestationHash(local.records[0] as AttestationRecord) === local.records[0]?.hash;
  return {
    records: TOTAL,
    batch: BATCH,
    inFlight: IN_FLIGHT,
    hashSanity: sanity,
    cpuVerifyPerSec,
    local: summarize({ phases: local.phases, ceilingInsertsPerSec: local.ceilingInsertsPerSec }),
    mongo: mongoUri ? summarize(await mongoBench(mongoUri)) : 'skipped: MONGODB_URI unset',
  };
}

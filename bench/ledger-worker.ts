// One phase of the ledger benchmark, in its own process so its peak RSS is its own:
//   append <kind> <location> <from> <to> | verify <kind> <location> | ceiling <kind> <location> <n> | cpu <n>
// Prints one JSON line: { count, seconds, maxRssMiB }.
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import mongoose from 'mongoose';
import { silentLogger } from '../src/kernel/logger';
import { attestationHash, GENESIS_HASH } from '../src/ledger/hash-chain';
import { createLedger } from '../src/ledger/ledger';
import { verifyChain } from '../src/ledger/verify';
import { COLLECTIONS } from '../src/store/collections';
import { openLocalBackend } from '../src/store/local/local-backend';
import { openMongoBackend } from '../src/store/mongo/mongo-backend';
import { createStore, type Store } from '../src/store/port';
import type { AttestationRecord } from '../src/store/records';
import { pool } from './support';

const BATCH = 500;
const IN_FLIGHT = 1000;

export const benchInput = (i: number) => ({
  type: 'access-review.decision',
  subject: `review-item:ri-${i}`,
  controlIds: ['9.2.5', '9.2.3'],
  actor: { id: `p-${i % 200}`, name: `Reviewer ${i % 200}`, platform: 'slack' as const },
  decision: i % 5 === 0 ? 'revoke' : 'keep',
  comment: i % 5 === 0 ? 'no longer on the team' : null,
  evidence: { lastLogin: '2026-10-01', privileged: i % 3 === 0, role: 'admin', system: `system-${i % 15}` },
  idempotencyKey: `bench-${i}`,
});

/** The same documents the ledger writes, chained in memory: what the ceiling inserts. */
function chained(n: number): AttestationRecord[] {
  const at = new Date();
  let prevHash = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const base = {
      ...benchInput(i),
      _id: `att_${i}`,
      id: `att_${i}`,
      seq: i + 1,
      at,
      catalogVersion: 'bench',
      prevHash,
    };
    const record = { ...base, hash: attestationHash(base) };
    prevHash = record.hash;
    return record;
  });
}

const open = async (kind: string, location: string): Promise<Store> =>
  createStore(
    kind === 'local' ? await openLocalBackend(location, silentLogger) : await openMongoBackend(location, silentLogger),
  );

async function timed(fn: () => Promise<number>) {
  const started = process.hrtime.bigint();
  const count = await fn();
  return { count, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function main(): Promise<{ count: number; seconds: number }> {
  const [action, kind = '', location = '', a = '0', b = '0'] = process.argv.slice(2);
  if (action === 'cpu') {
    const records = chained(Number(kind));
    async function* iterate() {
      yield* records;
    }
    return timed(async () => (await verifyChain(iterate())).checked);
  }
  if (action === 'ceiling') {
    const records = chained(Number(a));
    const batches = Array.from({ length: Math.ceil(records.length / BATCH) }, (_, i) =>
      records.slice(i * BATCH, (i + 1) * BATCH),
    );
    if (kind === 'local') {
      const db = new Datastore({ filename: path.join(location, 'ceiling.db') });
      await db.loadDatabaseAsync();
      for (const index of COLLECTIONS.attestations.indexes) {
        await db.ensureIndexAsync({ fieldName: Object.keys(index.fields)[0] as string, unique: index.unique ?? false });
      }
      return timed(async () => {
        for (const batch of batches) await db.insertAsync(batch);
        return records.length;
      });
    }
    const conn = await mongoose.createConnection(location).asPromise();
    // The same indexes the attestations collection has, so only the ledger's own work differs.
    const col = conn.db!.collection('ceiling');
    for (const index of COLLECTIONS.attestations.indexes)
      await col.createIndex(index.fields, { unique: index.unique ?? false });
    const result = await timed(async () => {
      for (const batch of batches) await col.insertMany(batch as never[], { ordered: true });
      return records.length;
    });
    await conn.close();
    return result;
  }
  const store = await open(kind, location);
  const ledger = createLedger({ attestations: store.attestations, catalogVersion: 'bench', maxBatch: BATCH });
  try {
    if (action === 'append') {
      return await timed(async () => {
        await pool(Number(a), Number(b), IN_FLIGHT, (i) => ledger.record(benchInput(i)));
        return Number(b) - Number(a);
      });
    }
    return await timed(async () => {
      const result = await ledger.verify({ pageSize: 5000 });
      if (!result.ok) throw new Error(`verify failed: ${JSON.stringify(result.firstBad)}`);
      return result.checked;
    });
  } finally {
    await store.close();
  }
}

main().then(
  (r) =>
    process.stdout.write(
      `${JSON.stringify({ ...r, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10 })}\n`,
    ),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 1;
  },
);

// Ledger benchmark: append 100,000 attestations and verify the chain, on the embedded store and on
// MongoDB (FerretDB when run through `npm run bench`), with the raw insertMany of the same
// documents on the same server as the ceiling. Each phase runs in its own process (ledger-worker).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { round } from './support';

const run = promisify(execFile);
const TOTAL = Number(process.env.BENCH_LEDGER_RECORDS ?? 100_000);
const CHECKPOINT = Math.min(10_000, TOTAL);

interface PhaseResult {
  count: number;
  seconds: number;
  maxRssMiB: number;
}

async function phase(...args: string[]): Promise<PhaseResult> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'ledger-worker.ts'), ...args],
    {
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as PhaseResult;
}

const rate = (r: PhaseResult) => round(r.count / r.seconds, 0);

async function storeRun(kind: 'local' | 'mongo', location: string, ceilingLocation: string) {
  const points = [];
  let done = 0;
  for (const upTo of [CHECKPOINT, TOTAL]) {
    const append = await phase('append', kind, location, String(done), String(upTo));
    const verify = await phase('verify', kind, location);
    points.push({
      records: upTo,
      appendsPerSec: rate(append),
      appendPeakRssMiB: append.maxRssMiB,
      verifyPerSec: rate(verify),
      verifyPeakRssMiB: verify.maxRssMiB,
    });
    done = upTo;
    if (upTo === TOTAL) break;
  }
  const ceiling = await phase('ceiling', kind, ceilingLocation, String(TOTAL));
  const last = points[points.length - 1] as (typeof points)[number];
  return {
    points,
    ceilingInsertsPerSec: rate(ceiling),
    appendVsCeiling: round(last.appendsPerSec / rate(ceiling), 2),
  };
}

export async function ledgerBench(mongoUri: string | undefined) {
  const cpu = await phase('cpu', String(TOTAL));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-bench-ledger-'));
  const local = await storeRun('local', path.join(dir, 'ledger'), dir);
  await fs.rm(dir, { recursive: true, force: true });
  let mongo: unknown = 'skipped: MONGODB_URI unset';
  if (mongoUri) {
    const u = new URL(mongoUri);
    u.pathname = `/cb_bench_${Date.now()}`;
    mongo = await storeRun('mongo', u.toString(), u.toString());
    const conn = await mongoose.createConnection(u.toString()).asPromise();
    await conn.dropDatabase();
    await conn.close();
  }
  return {
    records: TOTAL,
    note: 'verifyPerSec includes reading every record from the store; cpuVerifyPerSec is hashing and linking records already in memory',
    cpuVerifyPerSec: rate(cpu),
    local,
    mongo,
  };
}

// The phases of the campaign benchmark, each in its own process (campaign-worker), so that every
// RSS figure is that phase's own, and one store's run built from them.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { round } from './support';

const run = promisify(execFile);

type Phase = Record<string, unknown> & { maxRssMiB: number };

export async function phase(...args: string[]): Promise<Phase> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--max-old-space-size=4096', path.join(__dirname, 'campaign-worker.ts'), ...args],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Phase;
}

export const perSec = (count: unknown, seconds: unknown) => round(Number(count) / Number(seconds), 0);

export interface RunInput {
  kind: 'local' | 'mongo';
  /** A fresh store per repeat; the reviewers' first messages are built on the first one. */
  locations: string[];
  /** A fresh place per repeat for the ceiling's collection. */
  ceilingLocations: string[];
  /** The first local store of the same size, whose items the ceiling inserts. */
  localStore: string;
  sources: string;
  reviewers: { busiest: string; typical: string };
}

const fastest = (phases: Phase[]) => phases.reduce((a, b) => (Number(b.seconds) < Number(a.seconds) ? b : a));
const highest = (phases: Phase[], key: string) => Math.max(...phases.map((p) => Number(p[key])));
const secondsOf = (phases: Phase[]) => phases.map((p) => round(Number(p.seconds), 2));

/**
 * One store at one size: each repeat creates the campaign on a fresh store and then inserts the
 * same items raw (the ceiling) on the same server right after; then the first messages.
 */
export async function storeRun(input: RunInput) {
  const { kind, locations } = input;
  const creates: Phase[] = [];
  const ceilings: Phase[] = [];
  for (const [i, location] of locations.entries()) {
    creates.push(await phase('create', kind, location, input.sources));
    ceilings.push(await phase('ceiling', kind, input.localStore, input.ceilingLocations[i] as string));
  }
  const created = fastest(creates);
  const ceiling = fastest(ceilings);
  if (ceiling.count !== created.items) throw new Error(`ceiling inserted ${ceiling.count} of ${created.items} items`);
  const { busiest, typical } = input.reviewers;
  const message = await phase('message', kind, locations[0] as string, `${busiest},${typical}`);
  const [busiestMessage, typicalMessage] = message.reviewers as unknown[];
  const itemsPerSec = perSec(created.items, created.seconds);
  const ceilingItemsPerSec = perSec(ceiling.count, ceiling.seconds);
  return {
    items: created.items as number,
    reviewers: created.reviewers,
    skippedRows: created.skippedRows,
    seconds: secondsOf(creates),
    itemsPerSec,
    cpuMicrosPerItem: round((Number(created.cpuSeconds) * 1e6) / Number(created.items), 1),
    peakRssMiB: highest(creates, 'maxRssMiB'),
    peakRssDuringCreateMiB: highest(creates, 'peakRssMiB'),
    ceilingSeconds: secondsOf(ceilings),
    ceilingItemsPerSec,
    ratioToCeiling: round(itemsPerSec / ceilingItemsPerSec, 2),
    firstMessage: {
      busiest: busiestMessage,
      typical: typicalMessage,
      storeOpenSeconds: message.storeOpenSeconds,
      peakRssMiB: message.maxRssMiB,
    },
  };
}

export type Run = Awaited<ReturnType<typeof storeRun>>;

// Synthetic, deterministic sources for the campaign benchmark: a directory of `items / 10` people
// (a management tree eight wide, ~2% terminated), 10 systems with owners, and entitlements of
// every person on every system minus ~3%, topped up with orphaned accounts so the campaign has
// exactly `items` items. ~8% of roles are privileged; last logins spread over 200 days, so some
// privileged accounts are dormant, and ~4% never logged in. Files are written streaming.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

export const SYSTEMS = 10;
/** The fallback reviewer, and the compliance lead. */
export const FALLBACK = 'p000001';
/** `now` of the benchmark campaign; last logins are spread over the 200 days before it. */
export const NOW = new Date('2026-10-01T07:00:00Z');
const FAN_OUT = 8;
const DAY_MS = 86_400_000;

export interface Sources {
  people: string;
  systems: string;
  entitlements: string;
  counts: { people: number; terminated: number; entitlements: number; orphans: number };
}

/** mulberry32: a tiny seeded generator, so every run writes the same files. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const personId = (i: number) => `p${String(i + 1).padStart(6, '0')}`;
const systemId = (s: number) => `system-${String(s).padStart(2, '0')}`;

async function writeLines(file: string, header: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  const chunk: string[] = [header];
  const flush = async () => {
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    chunk.length = 0;
  };
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= 1000) await flush();
  }
  if (chunk.length > 0) await flush();
  out.end();
  await once(out, 'finish');
}

function* peopleRows(count: number, terminated: (i: number) => boolean): Iterable<string> {
  for (let i = 0; i < count; i++) {
    const manager = i === 0 ? '' : personId(Math.floor((i - 1) / FAN_OUT));
    const roles = i === 0 ? 'compliance-lead' : '';
    const status = terminated(i) ? 'terminated' : 'active';
    yield `${personId(i)},Person ${i + 1},person.${i + 1}@bench.example,${manager},dept-${i % 40},${status},${roles}`;
  }
}

function* entitlementRows(people: number, items: number, rand: () => number, counts: Sources['counts']) {
  const lastLogin = () => {
    const r = rand();
    return r < 0.04 ? '' : new Date(NOW.getTime() - Math.floor(r * 200) * DAY_MS).toISOString().slice(0, 10);
  };
  const row = (account: string, person: string, s: number) => {
    const privileged = rand() < 0.08;
    return `${account},${person},${systemId(s)},${privileged ? 'admin' : 'user'},${privileged},${lastLogin()}`;
  };
  for (let i = 0; i < people; i++) {
    for (let s = 0; s < SYSTEMS; s++) {
      if (counts.entitlements >= items || rand() < 0.03) continue;
      counts.entitlements += 1;
      yield row(`user${i + 1}`, personId(i), s);
    }
  }
  for (let n = 0; counts.entitlements < items; n++) {
    counts.entitlements += 1;
    counts.orphans += 1;
    yield row(`svc-orphan-${n + 1}`, '', n % SYSTEMS);
  }
}

/** Writes people.csv, systems.csv and entitlements.csv for a campaign of `items` items into `dir`. */
export async function writeSources(dir: string, items: number): Promise<Sources> {
  const people = Math.max(FAN_OUT * 2, Math.round(items / SYSTEMS));
  const rand = random(items);
  const gone = new Set<number>();
  // The fallback reviewer and the system owners stay.
  for (let i = SYSTEMS + 1; i < people; i++) if (rand() < 0.02) gone.add(i);
  const counts = { people, terminated: gone.size, entitlements: 0, orphans: 0 };
  const files = {
    people: path.join(dir, 'people.csv'),
    systems: path.join(dir, 'systems.csv'),
    entitlements: path.join(dir, 'entitlements.csv'),
  };
  await writeLines(
    files.people,
    'id,name,email,manager,department,status,roles',
    peopleRows(people, (i) => gone.has(i)),
  );
  // Owners are managers of the second level, so they hold accounts of their own too.
  const owners = Array.from({ length: SYSTEMS }, (_, s) => `${systemId(s)},System ${s},${personId(1 + s)},`);
  await writeLines(files.systems, 'system,name,owner,description', owners);
  await writeLines(
    files.entitlements,
    'account,person,system,role,privileged,last_login',
    entitlementRows(people, items, rand, counts),
  );
  return { ...files, counts };
}

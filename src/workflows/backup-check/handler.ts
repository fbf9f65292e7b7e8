import path from 'node:path';
import { SourceProblems } from '../../connectors/read-source';
import type { Ledger } from '../../ledger/ledger';
import type { Outbox } from '../../outbox/outbox';
import type { Store } from '../../store/port';
import type { BackupCheckRecord, StepResult } from '../../store/records';
import { step } from '../access-review/handler';
import type { KindHandler } from '../engine';
import { queueNotices } from '../notify';
import { slotKey } from '../schedule';
import { syncDirectoryFile } from '../sync-directory';
import { failingCard } from './cards';
import { type Evidence, readEvidence } from './evidence';
import { recordRun } from './record';

export interface BackupCheckDeps {
  store: () => Store | null;
  ledger: () => Ledger | null;
  outbox: () => Outbox | null;
  root: string;
  /** Injected in tests (the HTTP report); the global fetch otherwise. */
  fetch?: typeof fetch;
}

const count = (codes: string[]) => {
  const n = new Map<string, number>();
  for (const c of codes) n.set(c, (n.get(c) ?? 0) + 1);
  return [...n].map(([c, k]) => `${k} ${c}`).join(', ');
};

/** Tells each owner about their failing systems that nobody has acknowledged, once per run. */
async function notifyOwners(store: Store, outbox: Outbox | null, runId: string, results: BackupCheckRecord[]) {
  const open = results.filter((r) => r.status === 'fail' && !r.acknowledgement);
  if (!outbox) return `no chat configured; owners see ${open.length} unacknowledged failure(s) with \`backups\``;
  const byOwner = new Map<string, BackupCheckRecord[]>();
  for (const r of open) byOwner.set(r.ownerId, [...(byOwner.get(r.ownerId) ?? []), r]);
  const people = new Map((await store.people.list()).map((p) => [p._id, p]));
  const { queued, unreachable } = await queueNotices(
    outbox,
    [...byOwner].map(([ownerId, records]) => ({
      person: people.get(ownerId),
      dedupeKey: `backup-failing:${runId}`,
      kind: 'backup.failing',
      reply: failingCard(records),
    })),
  );
  return `${queued} message(s) queued for ${byOwner.size} owner(s) of ${open.length} unacknowledged failing system(s); ${unreachable} owner(s) not in the directory or not linked to a chat`;
}

/**
 * The backup-check kind: read the register and the report, judge and record every system, then
 * ask the owners of failing systems to follow up. Each step reports on its own.
 */
export function backupCheckHandler(deps: BackupCheckDeps): KindHandler {
  return async (def, slot, { now, log }) => {
    if (def.kind !== 'backup-check') throw new Error(`backup-check handler given a ${def.kind} workflow`);
    const store = deps.store();
    const ledger = deps.ledger();
    if (!store || !ledger) throw new Error('the store is not open');
    const runId = slotKey(def, slot);
    const problems = new SourceProblems();
    let evidence: Evidence | undefined;
    let results: BackupCheckRecord[] = [];
    const steps: StepResult[] = [
      await step(
        'read evidence',
        async () => {
          const people = def.backupCheck.people;
          if (people) await syncDirectoryFile(store, path.resolve(deps.root, people), problems, now);
          evidence = await readEvidence(def.backupCheck, deps.root, problems, deps.fetch);
          if (problems.count > 0)
            log.warn({ problems: problems.first.slice(0, 20).map(String) }, 'source rows skipped');
          const skipped = problems.count ? `; ${problems.count} row(s) skipped, first: ${problems.first[0]}` : '';
          return `${evidence.register.length} registered system(s), ${evidence.jobs.length} job(s) in ${evidence.reportSource}${skipped}`;
        },
        log,
      ),
    ];
    if (!evidence) return steps;
    const read = evidence;
    steps.push(
      await step(
        'check and record',
        async () => {
          const run = await recordRun({ store, ledger, def, runId, evidence: read, now });
          results = run.results;
          const failing = results.filter((r) => r.status === 'fail');
          const reasons = count(failing.flatMap((r) => r.reasons.map((x) => x.code)));
          const unregistered = run.unregistered.length ? `; not in the register: ${run.unregistered.join(', ')}` : '';
          return `${results.length - failing.length} pass, ${failing.length} fail${reasons ? ` (${reasons})` : ''}${unregistered}`;
        },
        log,
      ),
    );
    if (steps[1]?.status !== 'pass') return steps;
    steps.push(await step('notify owners', () => notifyOwners(store, deps.outbox(), runId, results), log));
    return steps;
  };
}

import type { Ledger } from '../../ledger/ledger';
import type { Store } from '../../store/port';
import type { AttestationRecord, BackupAckRecord, BackupCheckRecord, BackupRunRecord } from '../../store/records';
import type { BackupCheckWorkflow } from '../definition';
import { ackHolds, acknowledgementOf } from './current';
import { evaluateAll, type SystemVerdict } from './evaluate';
import type { Evidence } from './evidence';

export const SYSTEM_ACTOR = { id: 'controlbot', name: 'controlbot', platform: 'system' as const };

/** What a backup-check attestation's evidence holds. */
interface CheckEvidence {
  system: string;
  name: string;
  owner: string;
  status: 'pass' | 'fail';
  reasons: { code: string; text: string }[];
  failingSince: string | null;
  facts: Record<string, unknown>;
}

/** A system's result, built from its attestation: on a retried run that is the one written first, and it wins. */
function resultOf(
  run: { def: BackupCheckWorkflow; runId: string; now: Date },
  attestation: AttestationRecord,
  ownerName: string | null,
  ack: BackupAckRecord | undefined,
): BackupCheckRecord {
  const e = attestation.evidence as unknown as CheckEvidence;
  const failingSince = e.failingSince ? new Date(e.failingSince) : null;
  const codes = e.reasons.map((r) => r.code);
  return {
    _id: `${run.runId}#${e.system}`,
    runId: run.runId,
    workflow: run.def.name,
    system: e.system,
    name: e.name,
    ownerId: e.owner,
    ownerName,
    status: e.status,
    reasons: e.reasons,
    failingSince,
    checkedAt: run.now,
    controlIds: attestation.controlIds,
    attestationId: attestation.id,
    acknowledgement: ack && ackHolds(ack, failingSince, codes) ? acknowledgementOf(ack) : null,
    facts: e.facts,
  };
}

function runRecord(def: BackupCheckWorkflow, runId: string, now: Date, results: BackupCheckRecord[]): BackupRunRecord {
  const owners = new Map<string, { ownerId: string; pass: number; fail: number }>();
  for (const r of results) {
    const o = owners.get(r.ownerId) ?? { ownerId: r.ownerId, pass: 0, fail: 0 };
    o[r.status] += 1;
    owners.set(r.ownerId, o);
  }
  const failing = results
    .filter((r) => r.status === 'fail')
    .map(({ system, name, ownerId, ownerName, reasons, failingSince, acknowledgement }) => ({
      system,
      name,
      ownerId,
      ownerName,
      reasons,
      failingSince,
      acknowledgement,
    }));
  return { _id: def.name, runId, checkedAt: now, controlIds: def.controls, owners: [...owners.values()], failing };
}

/**
 * Judges every registered system, records one backup-check attestation per system (actor
 * controlbot, idempotent per system and run), stores the results and then makes the run the
 * workflow's current one. A failure keeps the start of the failure it continues, and the owner's
 * acknowledgement of it while no new reason appears; acknowledgements of passing systems go.
 */
export async function recordRun(options: {
  store: Store;
  ledger: Ledger;
  def: BackupCheckWorkflow;
  runId: string;
  evidence: Evidence;
  now: Date;
}): Promise<{ results: BackupCheckRecord[]; unregistered: string[] }> {
  const { store, ledger, def, runId, evidence, now } = options;
  const tests = new Map((await store.restoreTests.all()).map((t) => [t._id, t]));
  const { verdicts, unregistered } = evaluateAll(evidence.register, evidence.jobs, tests, now);
  const previous = new Map((await store.backupRuns.get(def.name))?.failing.map((f) => [f.system, f.failingSince]));
  const acks = new Map((await store.backupAcks.all()).map((a) => [a._id, a]));
  const people = new Map((await store.people.list()).map((p) => [p._id, p]));
  const entries = new Map(evidence.register.map((e) => [e.system, e]));
  const since = (v: SystemVerdict) => (v.status === 'pass' ? null : (previous.get(v.system) ?? now).toISOString());
  // Concurrent records share the ledger's group commit: a few inserts for thousands of systems.
  const recorded = await Promise.all(
    verdicts.map((v) => {
      const evidenceOf: CheckEvidence = {
        system: v.system,
        name: entries.get(v.system)?.name ?? v.system,
        owner: entries.get(v.system)?.owner ?? '',
        status: v.status,
        reasons: v.reasons,
        failingSince: since(v),
        facts: { ...v.facts, reportSource: evidence.reportSource },
      };
      return ledger.record({
        type: 'backup-check',
        subject: v.system,
        controlIds: def.controls,
        actor: SYSTEM_ACTOR,
        decision: v.status,
        comment: v.reasons.map((r) => r.text).join(' ') || null,
        evidence: { workflow: def.name, run: runId, ...evidenceOf },
        idempotencyKey: `backup-check:${v.system}:${runId}`,
      });
    }),
  );
  const results = recorded.map(({ record }) => {
    const owner = String((record.evidence as { owner?: string }).owner);
    return resultOf({ def, runId, now }, record, people.get(owner)?.name ?? null, acks.get(record.subject));
  });
  await store.backupChecks.insertRun(results);
  await store.backupRuns.put(runRecord(def, runId, now, results));
  await store.backupChecks.dropOtherRuns(def.name, runId);
  await store.backupAcks.drop(results.filter((r) => r.status === 'pass' && acks.has(r.system)).map((r) => r.system));
  return { results, unregistered };
}

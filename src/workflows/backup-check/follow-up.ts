import { createHash } from 'node:crypto';
import type { Actor } from '../../chat/model';
import { type Clock, systemClock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { type Logger, silentLogger } from '../../kernel/logger';
import type { Ledger } from '../../ledger/ledger';
import type { Store } from '../../store/port';
import type { BackupCheckRecord, PersonRecord, RestoreTestRecord } from '../../store/records';
import { parseRestoreTest } from './restore-test-form';

export const COMPLIANCE_LEAD = 'compliance-lead';
const DEFAULT_CONTROLS = ['12.3.1'];

export interface AckOutcome {
  check: BackupCheckRecord;
  /** False when the same answer to the same failure was already recorded (a double click). */
  recorded: boolean;
  attestationHash: string;
}

/**
 * What owners do about backup checks, for every channel: acknowledge or explain a failing system,
 * and attest restore tests. Only the system's owner or a compliance lead may, and only people of
 * the directory. The attestation comes first, under an idempotency key, then the store is brought
 * in line with it, so a retried click completes what a failed one started and never records twice.
 */
export function createBackupFollowUps(options: {
  store: () => Store;
  ledger: () => Ledger;
  clock?: Clock;
  log?: Logger;
}) {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;

  const personOf = async (actor: Actor): Promise<PersonRecord> => {
    const person = actor.personId ? await options.store().people.get(actor.personId) : null;
    if (person?.status !== 'active') {
      throw new AppError('forbidden', 'Only people in the company directory can answer backup checks.');
    }
    return person;
  };

  /** The system's current result (the newest across workflows, failing first) and the actor, if they may act on it. */
  async function checkFor(actor: Actor, system: string) {
    const person = await personOf(actor);
    const store = options.store();
    // One small read for the latest runs, then one read by id per backup-check workflow.
    const runs = await store.backupRuns.all();
    const found = await Promise.all(runs.map((r) => store.backupChecks.get(r.runId, system)));
    const check = found
      .filter((c): c is BackupCheckRecord => c !== null)
      .sort(
        (a, b) =>
          Number(b.status === 'fail') - Number(a.status === 'fail') || Number(b.checkedAt) - Number(a.checkedAt),
      )[0];
    if (!check)
      throw new AppError(
        'not_found',
        `I know no system "${system}" in the backup register. Say \`backups\` to see yours.`,
      );
    if (check.ownerId !== person._id && !person.roles.includes(COMPLIANCE_LEAD)) {
      log.warn(
        { platform: actor.platform, user: actor.userId, personId: person._id, system },
        'refused a backup action on a system the actor does not own',
      );
      throw new AppError(
        'forbidden',
        `${check.name} is not yours: only its owner or a compliance lead can answer for it.`,
      );
    }
    return { person, check };
  }

  /** Acknowledges (or, with an explanation, explains) the system's current failure. */
  async function acknowledge(input: {
    actor: Actor;
    system: string;
    explanation?: string | null;
  }): Promise<AckOutcome> {
    const explanation = input.explanation?.trim() || null;
    if (input.explanation !== undefined && !explanation)
      throw new AppError('invalid_input', 'Please say what is going on.');
    const { person, check } = await checkFor(input.actor, input.system);
    if (check.status !== 'fail' || !check.failingSince) {
      throw new AppError('conflict', `${check.name} passes its latest backup check: there is nothing to acknowledge.`);
    }
    const decision = explanation ? 'explained' : 'acknowledged';
    const codes = check.reasons.map((r) => r.code);
    const { record, created } = await options.ledger().record({
      type: 'backup-check.acknowledgement',
      subject: check.system,
      controlIds: check.controlIds.length ? check.controlIds : DEFAULT_CONTROLS,
      actor: { id: person.email, name: person.name, platform: input.actor.platform },
      decision,
      comment: explanation,
      evidence: {
        system: check.system,
        run: check.runId,
        failingSince: check.failingSince.toISOString(),
        reasons: codes,
        check: check.attestationId,
      },
      idempotencyKey: `backup-check.${decision}:${check.system}:${check.failingSince.toISOString()}:${codes.join('+')}`,
    });
    const ack = {
      decision,
      comment: record.comment,
      by: person._id,
      byName: person.name,
      at: record.at,
      attestationId: record.id,
    } as const;
    await options
      .store()
      .backupAcks.put({ _id: check.system, ...ack, failingSince: check.failingSince, reasons: codes });
    await options.store().backupChecks.acknowledge(check.runId, check.system, check.failingSince, ack);
    return { check: { ...check, acknowledgement: ack }, recorded: created, attestationHash: record.hash };
  }

  /** Records a restore test the actor attests; the next backup check counts the newest one. */
  async function recordRestoreTest(input: {
    actor: Actor;
    system: string;
    fields: Record<string, string | undefined>;
  }) {
    const answer = parseRestoreTest(input.fields, clock.now());
    const { person, check } = await checkFor(input.actor, input.system);
    const fingerprint = createHash('sha256').update(JSON.stringify(answer)).digest('hex').slice(0, 16);
    const { record, created } = await options.ledger().record({
      type: 'restore-test',
      subject: check.system,
      controlIds: check.controlIds.length ? check.controlIds : DEFAULT_CONTROLS,
      actor: { id: person.email, name: person.name, platform: input.actor.platform },
      decision: answer.result,
      comment: answer.notes,
      evidence: {
        system: check.system,
        testedOn: answer.testedAt.toISOString().slice(0, 10),
        restored: answer.restored,
        restoreMinutes: answer.restoreMinutes,
      },
      idempotencyKey: `restore-test:${check.system}:${fingerprint}`,
    });
    const test: RestoreTestRecord = {
      _id: check.system,
      testedAt: answer.testedAt,
      result: answer.result,
      restored: answer.restored,
      restoreMinutes: answer.restoreMinutes,
      by: person._id,
      byName: person.name,
      at: record.at,
      attestationId: record.id,
    };
    await options.store().restoreTests.record(test);
    return { check, test, recorded: created, attestationHash: record.hash };
  }

  return { checkFor, acknowledge, recordRestoreTest };
}

export type BackupFollowUps = ReturnType<typeof createBackupFollowUps>;

import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { exportAttestations } from '../ledger/export';
import { type CommandDeps, commandContext, ledgerFor, withStore } from './context';
import { println } from './io';

const parseDate = (value: string) => {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new InvalidArgumentError(`"${value}" is not a date; use e.g. 2026-01-31 or 2026-01-31T09:00:00Z`);
  return d;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function attestationsCommand(program: Command, deps: CommandDeps): void {
  const group = program.command('attestations').description('the tamper-evident ledger of decisions');

  group
    .command('add')
    .description('record a manual attestation, e.g. the yearly policy review')
    .requiredOption('--type <type>', 'what kind of attestation, e.g. policy.review')
    .requiredOption('--control <id>', 'a control it is about (repeat for several)', collect)
    .requiredOption('--actor <email>', 'who attests')
    .requiredOption('--decision <text>', 'what was decided or confirmed')
    .option('--comment <text>', 'anything the auditor should know')
    .option('--subject <text>', 'what it is about (default: the type and controls)')
    .option('--idempotency-key <key>', 'the same key never records twice')
    .option('--json', 'print the record as JSON')
    .action(async (opts) => {
      const ctx = commandContext(deps);
      await withStore(ctx, async (store) => {
        const ledger = await ledgerFor(store, ctx.log);
        const person = await store.people.byEmail(opts.actor);
        const controlIds = (opts.control as string[]).map((c) => c.trim());
        const { record, created } = await ledger.record({
          type: opts.type,
          subject: opts.subject ?? `${opts.type}:${controlIds.join(',')}`,
          controlIds,
          actor: { id: person?._id ?? opts.actor.toLowerCase(), name: person?.name ?? opts.actor, platform: 'cli' },
          decision: opts.decision,
          comment: opts.comment ?? null,
          idempotencyKey: opts.idempotencyKey,
        });
        if (opts.json) return void println(deps.io.stdout, JSON.stringify({ ...record, created }));
        const verb = created ? 'recorded' : 'already recorded (same idempotency key)';
        println(
          deps.io.stdout,
          `${verb}: #${record.seq} ${record.id} ${record.type} on ${record.controlIds.join(', ')}`,
        );
        println(deps.io.stdout, `hash ${record.hash}`);
      });
    });

  group
    .command('verify')
    .description('prove the hash chain intact; exits 1 naming the first bad record')
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const ctx = commandContext(deps);
      const result = await withStore(ctx, async (store) => (await ledgerFor(store, ctx.log)).verify());
      if (opts.json) println(deps.io.stdout, JSON.stringify(result));
      else if (result.ok) {
        const head = result.head ? `; head #${result.head.seq} ${result.head.hash}` : '';
        println(deps.io.stdout, `ledger intact: ${result.checked} record(s) verified${head}`);
      } else if (result.firstBad) {
        println(
          deps.io.stderr,
          `ledger BROKEN at seq ${result.firstBad.seq} (${result.firstBad.problem}): ${result.firstBad.message}`,
        );
        println(deps.io.stderr, `${result.checked} record(s) before it verified.`);
      }
      if (!result.ok) process.exitCode = 1;
    });

  group
    .command('export')
    .description('stream the ledger as CSV or JSON for the auditor')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).makeOptionMandatory())
    .option('--since <date>', 'only records at or after this date', parseDate)
    .option('--type <type>', 'only this attestation type')
    .option('--output <file>', 'write to a file instead of standard output')
    .action(async (opts) => {
      const ctx = commandContext(deps);
      await withStore(ctx, async (store) => {
        const out: Writable = opts.output ? createWriteStream(opts.output) : deps.io.stdout;
        const n = await exportAttestations(
          store.attestations.scan({ since: opts.since, type: opts.type }),
          opts.format,
          out,
        );
        if (opts.output)
          await new Promise<void>((resolve, reject) =>
            out.end((err?: Error | null) => (err ? reject(err) : resolve())),
          );
        println(deps.io.stderr, `exported ${n} attestation(s)`);
      });
    });
}

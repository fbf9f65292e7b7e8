import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { type Command, Option } from 'commander';
import { campaignProgress } from '../chat/review-routes';
import { AppError } from '../kernel/errors';
import { evidenceRows, writeEvidence } from '../workflows/access-review/evidence';
import { type CommandDeps, commandContext, withStore } from './context';
import { println } from './io';

/** `controlbot reviews list|export`: campaigns and the auditor's evidence of one. */
export function reviewsCommand(program: Command, deps: CommandDeps): void {
  const group = program.command('reviews').description('access review campaigns and their evidence');

  group
    .command('list')
    .description('every campaign: status, completion and due date')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const ctx = commandContext(deps);
      await withStore(ctx, async (store) => {
        const open = new Map((await campaignProgress(store)).map((p) => [p.campaign._id, p]));
        const rows = [];
        for (const c of await store.campaigns.list()) {
          const p = open.get(c._id);
          const total = p?.total ?? Number(c.summary.items ?? 0);
          rows.push({
            id: c._id,
            name: c.name,
            status: c.status,
            dueAt: c.dueAt.toISOString(),
            items: total,
            decided: p ? p.decided : c.status === 'closed' ? total : 0,
            skippedRows: Number(c.summary.skippedRows ?? 0),
          });
        }
        if (opts.json) return void println(deps.io.stdout, JSON.stringify(rows, null, 2));
        for (const r of rows) {
          println(deps.io.stdout, `${r.id}  ${r.status}  ${r.decided}/${r.items} decided  due ${r.dueAt.slice(0, 10)}`);
        }
      });
    });

  group
    .command('export <campaign>')
    .description('every item with its decision, reviewer, time, reason and attestation hash, for the auditor')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--remediation', 'only the items to change: revoke and modify decisions')
    .option('--output <file>', 'write to a file instead of standard output')
    .action(async (campaignId: string, opts: { format: 'csv' | 'json'; remediation?: boolean; output?: string }) => {
      const ctx = commandContext(deps);
      await withStore(ctx, async (store) => {
        const campaign = await store.campaigns.get(campaignId);
        if (!campaign) {
          throw new AppError('not_found', `no campaign "${campaignId}"; \`controlbot reviews list\` shows them`);
        }
        const out: Writable = opts.output ? createWriteStream(opts.output) : deps.io.stdout;
        const only = opts.remediation
          ? (i: { decision: string | null }) => i.decision === 'revoke' || i.decision === 'modify'
          : undefined;
        const n = await writeEvidence(evidenceRows(store, campaign._id, only), opts.format, out);
        if (opts.output) {
          await new Promise<void>((resolve, reject) =>
            out.end((err?: Error | null) => (err ? reject(err) : resolve())),
          );
        }
        println(deps.io.stderr, `exported ${n} item(s) of ${campaign._id}`);
      });
    });
}

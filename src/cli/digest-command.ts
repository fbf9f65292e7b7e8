import type { Command } from 'commander';
import { composeDigest, digestText } from '../digest/compose';
import { DIGEST_SECTIONS } from '../digest/providers';
import { type CommandDeps, commandContext, withStore } from './context';
import { println } from './io';

const DAY_MS = 86_400_000;

/** `controlbot digest preview`: the compliance lead's digest, as it would be sent now, in the terminal. */
export function digestCommand(program: Command, deps: CommandDeps): void {
  program
    .command('digest')
    .description("the compliance lead's digest")
    .command('preview')
    .description('print the digest as it would be sent now')
    .option('--days <n>', 'look back this many days for new questions and votes', (v) => Number(v), 7)
    .option('--json', 'print the sections as JSON')
    .action(async (opts: { days: number; json?: boolean }) => {
      const ctx = commandContext(deps);
      await withStore(ctx, async (store) => {
        const now = new Date();
        const digest = await composeDigest(store, DIGEST_SECTIONS, {
          now,
          since: new Date(now.getTime() - opts.days * DAY_MS),
        });
        if (opts.json) println(deps.io.stdout, JSON.stringify(digest.sections, null, 2));
        else deps.io.stdout.write(digestText(digest));
      });
    });
}

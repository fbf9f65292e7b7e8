import { Command, CommanderError } from 'commander';
import { isAppError } from '../kernel/errors';
import { askCommand } from './ask-command';
import { attestationsCommand } from './attestations-command';
import { catalogCommand } from './catalog-command';
import type { CommandDeps, Env } from './context';
import { digestCommand } from './digest-command';
import { type CliIO, println, processIO } from './io';
import { reviewsCommand } from './reviews-command';
import { startCommand } from './start-command';
import { workflowsCommand } from './workflows-command';

/** Exit codes: 0 ok, 1 failure (or a broken ledger), 2 bad usage or configuration. */
const USAGE_ERRORS = ['config_invalid', 'invalid_input', 'not_found'] as const;
const exitCodeFor = (err: unknown) => (USAGE_ERRORS.some((code) => isAppError(err, code)) ? 2 : 1);

export function buildProgram(deps: CommandDeps): Command {
  const program = new Command('controlbot')
    .description('ISO/IEC 27017 compliance assistant for Slack and Microsoft Teams')
    .configureOutput({
      writeOut: (s) => deps.io.stdout.write(s),
      writeErr: (s) => deps.io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  startCommand(program, deps);
  askCommand(program, deps);
  catalogCommand(program, deps);
  attestationsCommand(program, deps);
  workflowsCommand(program, deps);
  reviewsCommand(program, deps);
  digestCommand(program, deps);
  return program;
}

/** Runs one command line; resolves to the process exit code. The only place errors are turned into output. */
export async function runCli(argv: readonly string[], env: Env, io: CliIO = processIO): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram({ env, io }).parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (isAppError(err)) {
      const lines = err.details.length > 0 && !err.message.includes(err.details[0] as string) ? err.details : [];
      println(io.stderr, `controlbot: ${err.message}`);
      for (const line of lines) println(io.stderr, `  ${line}`);
    } else {
      println(io.stderr, `controlbot: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    }
    return exitCodeFor(err);
  }
}

if (require.main === module) {
  void runCli(process.argv, process.env).then((code) => {
    process.exitCode = code;
  });
}

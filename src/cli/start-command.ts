import type { Command } from 'commander';
import { createLogger } from '../kernel/logger';
import { startServer } from '../server/start-server';
import { type CommandDeps, commandContext } from './context';

export function startCommand(program: Command, deps: CommandDeps): void {
  program
    .command('start')
    .description('serve HTTP on PORT: health, readiness, metrics and the chat endpoints that are configured')
    .action(async () => {
      const { config } = commandContext(deps);
      const log = createLogger({ level: config.logLevel });
      const running = await startServer({ config, log });
      await running.stopped;
    });
}

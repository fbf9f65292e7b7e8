// A server for the slash-command benchmark, in its own process so the load generator does not
// share its event loop: `bare <apiUrl>` is Bolt that only acks (the ceiling), `controlbot <apiUrl>`
// is the real server. Prints `{"port": n}` once listening; stops on SIGTERM.
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { App, ExpressReceiver } from '@slack/bolt';
import { loadConfig } from '../src/config/load-config';
import { silentLogger } from '../src/kernel/logger';
import { startServer } from '../src/server/start-server';

export const BENCH_SECRET = 'abcdef0123456789abcdef0123456789';
export const BENCH_TOKEN = 'xoxb-bench';

async function bare(apiUrl: string) {
  const receiver = new ExpressReceiver({ signingSecret: BENCH_SECRET });
  const app = new App({
    token: BENCH_TOKEN,
    receiver,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.command('/controlbot', async ({ ack }) => {
    await ack();
  });
  const server = receiver.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { port: (server.address() as AddressInfo).port, stop: async () => void server.close() };
}

async function controlbot(apiUrl: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-bench-slack-'));
  const config = loadConfig({
    PORT: '0',
    CONTROLBOT_DATA_DIR: dir,
    SLACK_BOT_TOKEN: BENCH_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    SLACK_API_URL: apiUrl,
  });
  const server = await startServer({ config, log: silentLogger, host: '127.0.0.1', handleSignals: false });
  return {
    port: server.port,
    stop: async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

async function main() {
  const [mode, apiUrl] = process.argv.slice(2);
  if (!apiUrl || (mode !== 'bare' && mode !== 'controlbot'))
    throw new Error('usage: slack-server bare|controlbot <apiUrl>');
  const running = mode === 'bare' ? await bare(apiUrl) : await controlbot(apiUrl);
  process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
  process.once('SIGTERM', () => {
    void running.stop().finally(() => process.exit(0));
  });
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}

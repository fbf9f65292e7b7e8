// A server for the slash-command benchmark, in its own process so the load generator does not
// share its event loop: `bare <apiUrl>` is Bolt that only acks (the ceiling), `controlbot <apiUrl>`
// is the real server. Prints `{"port": n}` once listening and, for controlbot, once its one-off
// start work (the demo campaign a fresh store gets) is done; stops on SIGTERM.
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { App, ExpressReceiver } from '@slack/bolt';
import { loadConfig } from '../src/config/load-config';
import { createLogger } from '../src/kernel/logger';
import { startServer } from '../src/server/start-server';

export const BENCH_SECRET = 'abcdef0123456789abcdef0123456789';
export const BENCH_TOKEN = 'xoxb-bench';
/** How long the server may take to start its workflows before the benchmark gives up. */
const START_TIMEOUT_MS = 60_000;
/** Quiet time after the start work, so its garbage and disk writes are not measured. */
const SETTLE_MS = 1000;

async function bare(apiUrl: string) {
  const receiver = new ExpressReceiver({ signingSecret: BENCH_SECRET });
  // Bolt's default token verification: auth.test once, at construction. (With it turned off,
  // Bolt 5.1 calls auth.test on every request before the ack, which no ceiling should pay.)
  const app = new App({ token: BENCH_TOKEN, receiver, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/controlbot', async ({ ack }) => {
    await ack();
  });
  const server = receiver.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { port: (server.address() as AddressInfo).port, stop: async () => void server.close() };
}

/**
 * A logger at the production level (info) whose lines go nowhere, except that it notices when the
 * server says its workflows are started (or could not be): that is the end of the start work.
 */
function watchingLogger() {
  let started: (outcome: string) => void = () => undefined;
  const workflows = new Promise<string>((resolve) => {
    started = resolve;
  });
  const log = createLogger({
    level: 'info',
    destination: {
      write(line: string) {
        const m = /"msg":"(workflows scheduled|workflows could not start)"/.exec(line);
        if (m?.[1]) started(m[1]);
      },
    },
  });
  return { log, workflows };
}

async function waitUntil<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`bench server: ${what} took over ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function ready(port: number) {
  while ((await fetch(`http://127.0.0.1:${port}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 50));
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
  const { log, workflows } = watchingLogger();
  const server = await startServer({ config, log, host: '127.0.0.1', handleSignals: false });
  await waitUntil('/readyz', ready(server.port));
  const outcome = await waitUntil('starting the workflows', workflows);
  if (outcome !== 'workflows scheduled') process.stderr.write(`bench server: ${outcome}\n`);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
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

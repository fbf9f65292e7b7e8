// Slash-command round trip on loopback at 50 concurrent users, without the model: how fast the
// command is acked (HTTP response) and how fast the answer reaches response_url. In the same run,
// a bare Bolt app that only acks is the ceiling.
import { createHmac } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { App, ExpressReceiver } from '@slack/bolt';
import { loadConfig } from '../src/config/load-config';
import { silentLogger } from '../src/kernel/logger';
import { startServer } from '../src/server/start-server';
import { startFakeSlack } from '../test/fakes/fake-slack';
import { loadQuestions } from './ask.bench';
import { percentile, pool, round } from './support';

const SECRET = 'abcdef0123456789abcdef0123456789';
const TOKEN = 'xoxb-bench';
const USERS = 50;
const REQUESTS = Number(process.env.BENCH_SLACK_REQUESTS ?? 1000);
const THINK_MS = 1000;
const WARMUP = 100;

type Fake = Awaited<ReturnType<typeof startFakeSlack>>;

async function load(url: string, fake: Fake, waitForAnswer: boolean, thinkMs: number) {
  const questions = loadQuestions().map((q) => q.q);
  const acks: number[] = [];
  const answers: number[] = [];
  let started = performance.now();
  // The first WARMUP requests warm up the JIT and are not counted.
  await pool(0, REQUESTS + WARMUP, USERS, async (i) => {
    if (i === WARMUP) started = performance.now();
    const id = `r${i}`;
    const body = new URLSearchParams({
      command: '/controlbot',
      text: questions[i % questions.length] as string,
      team_id: 'T1',
      user_id: `U${i % USERS}`,
      channel_id: 'C1',
      response_url: fake.responseUrl(id),
      trigger_id: id,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const answered = waitForAnswer ? fake.responded(id) : undefined;
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signature,
      },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`slash command got HTTP ${res.status}`);
    const ackMs = performance.now() - t0;
    const answerMs = answered ? (await answered) - t0 : 0;
    if (i >= WARMUP) {
      acks.push(ackMs);
      if (answered) answers.push(answerMs);
    }
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
  });
  const seconds = (performance.now() - started) / 1000;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    requests: REQUESTS,
    requestsPerSec: round(REQUESTS / seconds, 0),
    ackP50ms: round(percentile(sorted(acks), 50), 1),
    ackP99ms: round(percentile(sorted(acks), 99), 1),
    ...(waitForAnswer
      ? {
          answerP50ms: round(percentile(sorted(answers), 50), 1),
          answerP99ms: round(percentile(sorted(answers), 99), 1),
        }
      : {}),
  };
}

async function bareBolt(fake: Fake) {
  const receiver = new ExpressReceiver({ signingSecret: SECRET });
  const app = new App({
    token: TOKEN,
    receiver,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });
  app.command('/controlbot', async ({ ack }) => {
    await ack();
  });
  const server = receiver.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  try {
    return {
      saturated: await load(`http://127.0.0.1:${port}/slack/events`, fake, false, 0),
      users: await load(`http://127.0.0.1:${port}/slack/events`, fake, false, THINK_MS),
    };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

export async function slackBench() {
  const fake = await startFakeSlack(TOKEN);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-bench-slack-'));
  try {
    const ceiling = await bareBolt(fake);
    const config = loadConfig({
      PORT: '0',
      CONTROLBOT_DATA_DIR: dir,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    const server = await startServer({ config, log: silentLogger, host: '127.0.0.1', handleSignals: false });
    try {
      const url = `http://127.0.0.1:${server.port}/slack/events`;
      const ours = { saturated: await load(url, fake, true, 0), users: await load(url, fake, true, THINK_MS) };
      return {
        users: USERS,
        note: `"saturated": each of ${USERS} users sends the next command as soon as the last was answered (throughput; latency is queueing). "users": each waits ${THINK_MS} ms ± 50% between commands, as people do (latency). Load generator, server and fake Slack share the 2 cores.`,
        controlbot: ours,
        bareBoltAckOnly: ceiling,
        goals: { ackP99ms: 100, answerP99ms: 150 },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await fake.close();
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

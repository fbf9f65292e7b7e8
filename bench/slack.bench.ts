// Slash-command round trip on loopback at 50 concurrent users, without the model: how fast the
// command is acked (HTTP response) and how fast the answer reaches response_url. In the same run,
// a bare Bolt app that only acks is the ceiling.

import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { startFakeSlack } from '../test/fakes/fake-slack';
import { loadQuestions } from './ask.bench';
import { BENCH_SECRET, BENCH_TOKEN } from './slack-server';
import { percentile, pool, round } from './support';

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
    const signature = `v0=${createHmac('sha256', BENCH_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
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

/** Starts bench/slack-server.ts in its own process and resolves with its port once it listens. */
async function serverProcess(mode: 'bare' | 'controlbot', apiUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'slack-server.ts'), mode, apiUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { port: number }).port));
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measure(mode: 'bare' | 'controlbot', fake: Fake) {
  const server = await serverProcess(mode, fake.apiUrl);
  const answered = mode === 'controlbot';
  try {
    return {
      saturated: await load(server.url, fake, answered, 0),
      users: await load(server.url, fake, answered, THINK_MS),
    };
  } finally {
    await server.stop();
  }
}

export async function slackBench() {
  const fake = await startFakeSlack(BENCH_TOKEN);
  try {
    const ceiling = await measure('bare', fake);
    const ours = await measure('controlbot', fake);
    return {
      users: USERS,
      note: `"saturated": each of ${USERS} users sends the next command as soon as the last was answered (throughput; latency is queueing). "users": each waits ${THINK_MS} ms ± 50% between commands, as people do (latency). The server runs in its own process; the load generator and the fake Slack Web API share the other.`,
      controlbot: ours,
      bareBoltAckOnly: ceiling,
      goals: { ackP99ms: 100, answerP99ms: 150 },
    };
  } finally {
    await fake.close();
  }
}

// Slash-command round trip on loopback at 50 concurrent users, without the model: how fast the
// command is acked (HTTP response) and how fast the answer reaches response_url. In the same run,
// a bare Bolt app that only acks is the ceiling.

import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { startFakeSlack } from '../test/fakes/fake-slack';
import { loadQuestions } from './ask.bench';
import { BENCH_SECRET, BENCH_TOKEN } from './slack-server';
import { percentile, pool, round } from './support';

const USERS = 50;
const REQUESTS = Number(process.env.BENCH_SLACK_REQUESTS ?? 1000);
const THINK_MS = 1000;
const WARMUP = 100;
/** USER_HZ: the unit of the CPU times in /proc/<pid>/stat (100 on Linux). */
const CLOCK_TICKS = 100;

type Fake = Awaited<ReturnType<typeof startFakeSlack>>;

/**
 * The benchmark's Slack users U0…U49 are the first directory people of the demo data (their
 * users.info email is the person's), as in a workspace whose people are in the directory.
 */
function directoryUsers() {
  const csv = readFileSync(path.join(__dirname, '..', 'data', 'samples', 'people.csv'), 'utf8');
  const people = parse(csv, { columns: true }) as { name: string; email: string }[];
  return Object.fromEntries(
    people.slice(0, USERS).map((p, i) => [`U${i}`, { email: p.email, real_name: p.name }] as const),
  );
}

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
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server process there (open it in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const script = path.join(__dirname, 'slack-server.ts');
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', script, mode, apiUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { port: number }).port));
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    cpuMs: () => cpuMsOf(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc (Linux; undefined elsewhere).
 * Unlike latency it hardly moves when other work shares the machine.
 */
async function cpuMsOf(pid: number | undefined): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

async function measure(mode: 'bare' | 'controlbot', fake: Fake) {
  const server = await serverProcess(mode, fake.apiUrl);
  const answered = mode === 'controlbot';
  // The server's CPU time per command (warm-up included), over the phase.
  const phase = async (thinkMs: number) => {
    const before = await server.cpuMs();
    const result = await load(server.url, fake, answered, thinkMs);
    const after = await server.cpuMs();
    const perRequest = before === undefined || after === undefined ? undefined : (after - before) / (REQUESTS + WARMUP);
    return { ...result, serverCpuMsPerRequest: perRequest === undefined ? null : round(perRequest, 2) };
  };
  try {
    return { saturated: await phase(0), users: await phase(THINK_MS) };
  } finally {
    await server.stop();
  }
}

export async function slackBench() {
  const fake = await startFakeSlack(BENCH_TOKEN, directoryUsers());
  // The machine's 1-minute load average around each measurement: other work on a shared machine
  // moves the tail figures, and a reader should see that.
  const load = () => Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
  try {
    const loadAtStart = load();
    const ceiling = await measure('bare', fake);
    const loadBetween = load();
    const ours = await measure('controlbot', fake);
    return {
      loadAverage1m: { start: loadAtStart, between: loadBetween, end: load() },
      users: USERS,
      note: `"saturated": each of ${USERS} users sends the next command as soon as the last was answered (throughput; latency is queueing). "users": each waits ${THINK_MS} ms ± 50% between commands, as people do (latency). The server runs in its own process, measured once its start work (the demo campaign) is done; the load generator and the fake Slack Web API share the other. Users U0…U${USERS - 1} are directory people.`,
      controlbot: ours,
      bareBoltAckOnly: ceiling,
      goals: { ackP99ms: 100, answerP99ms: 150 },
    };
  } finally {
    await fake.close();
  }
}

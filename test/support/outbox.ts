import type { Reply } from '../../src/chat/model';
import { fixedClock } from '../../src/kernel/clock';
import { sequentialIds } from '../../src/kernel/ids';
import { createLogger } from '../../src/kernel/logger';
import { createDispatcher, type DispatcherOptions } from '../../src/outbox/dispatcher';
import { createOutbox } from '../../src/outbox/outbox';
import type { Sender } from '../../src/outbox/sender';
import type { Platform } from '../../src/store/records';
import { localHarness } from './stores';

/** A fixed clock plus a `sleep` that moves it, so rate limits and Retry-After cost no real time. */
export function fakeTime(start = '2026-11-23T09:00:00Z') {
  const clock = fixedClock(start);
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    clock.advance(ms);
  };
  return { clock, sleep, slept };
}

export interface SentMessage {
  target: string;
  reply: Reply;
  at: Date;
}

/**
 * A test double of the Sender port: records what it sent and when (on `clock`), and fails the
 * way it is told to. `failWith(target, ...errors)` queues errors for the next sends to `target`
 * (or `*` for any target); each is thrown once, in order.
 */
export function recordingSender(clock: { now(): Date }) {
  const sent: SentMessage[] = [];
  const attempts: string[] = [];
  const failures = new Map<string, unknown[]>();
  let gate: Promise<void> | null = null;
  const sender: Sender = {
    async send(target, reply) {
      attempts.push(target);
      if (gate) await gate;
      const queue = failures.get(target)?.length ? failures.get(target) : failures.get('*');
      const failure = queue?.shift();
      if (failure) throw failure;
      sent.push({ target, reply, at: clock.now() });
    },
  };
  return {
    sender,
    sent,
    attempts,
    failWith(target: string, ...errors: unknown[]) {
      failures.set(target, [...(failures.get(target) ?? []), ...errors]);
    },
    /** Holds every send until the returned function is called. */
    hold(): () => void {
      let open: () => void = () => undefined;
      gate = new Promise<void>((resolve) => {
        open = () => {
          gate = null;
          resolve();
        };
      });
      return () => open();
    },
  };
}

export const reply = (text: string): Reply => ({ text, blocks: [{ type: 'text', text }] });

/**
 * The local store, fake time, a recording Slack sender and captured logs, wired to a real outbox
 * and dispatcher: `rig.wire(options)` builds them, `rig.send(key, target?, platform?)` queues a
 * message 1 ms after the previous one (so they are claimed in that order).
 */
export async function openOutboxRig() {
  const harness = await localHarness();
  const store = await harness.open();
  const time = fakeTime();
  const slack = recordingSender(time.clock);
  const logs: { level: number; msg: string; error?: string }[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => logs.push(JSON.parse(line)) } });
  const outbox = createOutbox({ repo: store.outbox, clock: time.clock, ids: sequentialIds(), log });
  return {
    store,
    time,
    slack,
    logs,
    wire: (over: Partial<DispatcherOptions> = {}) =>
      createDispatcher({
        repo: store.outbox,
        senders: { slack: slack.sender },
        clock: time.clock,
        sleep: time.sleep,
        random: () => 0.5,
        log,
        ...over,
      }),
    async send(key: string, target = 'C1', platform: Platform = 'slack') {
      const result = await outbox.send({
        dedupeKey: key,
        platform,
        target,
        reply: reply(`message ${key}`),
        kind: 'test',
      });
      time.clock.advance(1);
      return result;
    },
    record: async (dedupeKey: string) => (await store.outbox.list()).find((r) => r.dedupeKey === dedupeKey),
    async close() {
      await store.close();
      await harness.destroy();
    },
  };
}

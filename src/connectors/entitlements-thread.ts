import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../kernel/errors';
import { decodeBatch, type ThreadMessage } from './entitlement-batches';
import type { Entitlement } from './entitlements';
import type { ProblemSink, SourceRow } from './read-source';

/**
 * Batches (of 1000 rows, some 70 kB of JSON each) the thread may read ahead of the reader: enough
 * to read most of a large file while the caller snapshots the other sources and syncs the directory.
 */
const WINDOW = 200;
/** Batches read per acknowledgement: a message each would cost the reader more than the batch. */
const ACK_EVERY = 16;

export interface EntitlementsThread {
  /**
   * What `readEntitlements(file, problems)` yields and reports, in the same order, a batch at a
   * time: each problem is reported as the batch is iterated up to it. Once only.
   */
  batches(problems: ProblemSink): AsyncGenerator<Iterable<SourceRow<Entitlement>>, void, undefined>;
  /** `batches`, a row at a time. */
  rows(problems: ProblemSink): AsyncGenerator<SourceRow<Entitlement>, void, undefined>;
  /** Stops the thread, whether or not its rows were read to the end. */
  close(): Promise<void>;
}

/**
 * The compiled entry next to this file, or, when running from the TypeScript sources (tsx, jest),
 * the `.ts` entry behind tsx's require hook, which the new thread does not inherit from jest.
 */
function spawn(file: string): Worker {
  const workerData = { file, window: WINDOW };
  const compiled = path.join(__dirname, 'entitlements-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData });
  const source = JSON.stringify(path.join(__dirname, 'entitlements-worker.ts'));
  return new Worker(`require('tsx/cjs/api').register(); require(${source});`, { eval: true, workerData });
}

/**
 * Starts reading and validating the entitlements in `file` on a thread of its own right away, so
 * that parsing and validation overlap whatever the caller does meanwhile, and then its use of the
 * rows. Row problems are reported to the sink given to `batches` (or `rows`) as the rows before
 * them are taken, and a file that cannot be read fails the iteration, after the rows before the
 * break, with the AppError code and message `readEntitlements` would raise.
 */
export function startEntitlementsThread(file: string): EntitlementsThread {
  const worker = spawn(file);
  const inbox: ThreadMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ThreadMessage) => {
    inbox.push(message);
    notify();
  });
  worker.on('error', (err) => {
    failure = new AppError('internal', `${file}: the entitlements reader failed: ${err.message}`, { cause: err });
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new AppError('internal', `${file}: the entitlements reader stopped early (exit code ${code})`);
    notify();
  });
  const next = async (): Promise<ThreadMessage> => {
    for (;;) {
      const message = inbox.shift();
      if (message) return message;
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  async function* batches(problems: ProblemSink) {
    for (let taken = 1; ; taken++) {
      const message = await next();
      if (message.kind === 'end') return;
      if (message.kind === 'failed') throw new AppError((message.code ?? 'internal') as ErrorCode, message.message);
      if (taken % ACK_EVERY === 0) worker.postMessage(ACK_EVERY);
      yield decodeBatch(message.json, file, problems);
    }
  }
  return {
    batches,
    async *rows(problems) {
      for await (const batch of batches(problems)) yield* batch;
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

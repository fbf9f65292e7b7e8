// The thread behind `startEntitlementsThread`: reads and validates the entitlements file named in
// `workerData.file` and posts its rows and row problems in file order, in batches, staying at most
// `workerData.window` batches ahead of the reader (which says how many more it has read, now and then).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../kernel/errors';
import { BatchEncoder, type ThreadMessage } from './entitlement-batches';
import { entitlementOf } from './entitlement-row';
import type { Entitlement } from './entitlements';
import { checkedRow, type RowCheck, RowProblem } from './read-source';
import { readRowBatches } from './tabular';

const BATCH = 1000;
const { file, window } = workerData as { file: string; window: number };
const port = parentPort as NonNullable<typeof parentPort>;

let credit = window;
let wake: (() => void) | undefined;
const acknowledged = (batches: number) => {
  credit += batches;
  wake?.();
};
port.on('message', acknowledged);

async function post(message: ThreadMessage) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit -= 1;
  port.postMessage(message);
}

let bySchema: RowCheck<Entitlement> | undefined;
/**
 * `checkEntitlement`, with zod loaded only for the first invalid row: it takes longer to load than
 * a thread takes to check thousands of rows, and only an invalid row needs its messages.
 */
const check: RowCheck<Entitlement> = (row) => {
  const valid = entitlementOf(row);
  if (valid) return valid;
  bySchema ??= (require('./entitlements') as typeof import('./entitlements')).checkEntitlement;
  return bySchema(row);
};

async function main() {
  const batch = new BatchEncoder();
  try {
    for await (const items of readRowBatches(file)) {
      for (const item of items) {
        const row = checkedRow(file, item, check);
        if (row instanceof RowProblem) batch.add(row);
        else batch.row(row);
      }
      if (batch.size >= BATCH) await post({ kind: 'batch', json: batch.take() });
    }
  } catch (err) {
    // The rows and problems before the break reach the reader first, as they would unthreaded.
    const code = err instanceof AppError ? err.code : undefined;
    if (batch.size > 0) await post({ kind: 'batch', json: batch.take() });
    await post({ kind: 'failed', code, message: (err as Error).message });
    return;
  }
  if (batch.size > 0) await post({ kind: 'batch', json: batch.take() });
  await post({ kind: 'end' });
}

// Nothing more to wait for: the thread ends once its messages are out.
main().finally(() => port.off('message', acknowledged));

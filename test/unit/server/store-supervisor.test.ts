import { AppError } from '../../../src/kernel/errors';
import { silentLogger } from '../../../src/kernel/logger';
import { superviseStore } from '../../../src/server/store-supervisor';
import type { Store } from '../../../src/store/port';

const fakeStore = (pings: () => Promise<void> = async () => undefined) =>
  ({ kind: 'mongo', location: 'x', ping: pings, close: async () => undefined }) as unknown as Store;

describe('superviseStore', () => {
  it('keeps retrying an unreachable store with backoff and becomes ready when it answers', async () => {
    const attempts: number[] = [];
    const supervisor = superviseStore({
      log: silentLogger,
      initialDelayMs: 20,
      onFatal: (err) => {
        throw err;
      },
      open: async () => {
        attempts.push(Date.now());
        if (attempts.length < 3) throw new AppError('store_unavailable', 'down');
        return fakeStore();
      },
    });
    expect(await supervisor.ready()).toBe(false);
    await supervisor.whenOpen();
    expect(attempts).toHaveLength(3);
    // Timers may fire late on a busy machine, never early: the second wait is at least twice 20 ms.
    expect((attempts[1] as number) - (attempts[0] as number)).toBeGreaterThanOrEqual(18);
    expect((attempts[2] as number) - (attempts[1] as number)).toBeGreaterThanOrEqual(38);
    expect(await supervisor.ready()).toBe(true);
    await supervisor.close();
  });

  it('reports not ready when the open store stops answering', async () => {
    let up = true;
    const supervisor = superviseStore({
      log: silentLogger,
      onFatal: () => undefined,
      open: async () =>
        fakeStore(async () => {
          if (!up) throw new AppError('store_unavailable', 'gone');
        }),
    });
    await supervisor.whenOpen();
    expect(await supervisor.ready()).toBe(true);
    up = false;
    expect(await supervisor.ready()).toBe(false);
    await supervisor.close();
  });

  it('gives up at once on errors retrying cannot fix', async () => {
    const fatal = await new Promise<unknown>((resolve) => {
      superviseStore({
        log: silentLogger,
        onFatal: resolve,
        open: async () => Promise.reject(new AppError('store_corrupt', 'bad line')),
      });
    });
    expect(fatal).toMatchObject({ code: 'store_corrupt' });
  });
});

describe('superviseStore shutdown', () => {
  it('closes a store whose opening finishes after close was called, before close resolves', async () => {
    let finish: (s: Store) => void = () => undefined;
    let closedStore = false;
    const supervisor = superviseStore({
      log: silentLogger,
      onFatal: () => undefined,
      open: () =>
        new Promise<Store>((resolve) => {
          finish = resolve;
        }),
    });
    const closing = supervisor.close();
    const store = fakeStore();
    store.close = async () => {
      closedStore = true;
    };
    finish(store);
    await closing;
    expect(closedStore).toBe(true);
  });

  it('stops retrying when closed while an attempt is still in flight', async () => {
    let attempts = 0;
    let fail: (err: Error) => void = () => undefined;
    const supervisor = superviseStore({
      log: silentLogger,
      initialDelayMs: 1,
      onFatal: () => undefined,
      open: () => {
        attempts++;
        return new Promise<Store>((_, reject) => {
          fail = reject;
        });
      },
    });
    const closing = supervisor.close();
    fail(new AppError('store_unavailable', 'down'));
    await closing;
    await new Promise((r) => setTimeout(r, 30));
    expect(attempts).toBe(1);
  });
});

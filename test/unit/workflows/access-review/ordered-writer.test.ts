import { orderedWriter } from '../../../../src/workflows/access-review/ordered-writer';

/** A write the test finishes by hand, so it can look at what is in flight. */
function manualWrites() {
  const started: number[][] = [];
  const finish: ((result: number | Error) => void)[] = [];
  const write = (batch: number[]) =>
    new Promise<number>((resolve, reject) => {
      started.push(batch);
      finish.push((r) => (r instanceof Error ? reject(r) : resolve(r)));
    });
  return { started, finish, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('orderedWriter', () => {
  it('starts a batch only once the one before it is stored, and counts what was written', async () => {
    const { started, finish, write } = manualWrites();
    const writer = orderedWriter(write);
    await writer.write([1, 2]);
    const second = writer.write([3]);
    await tick();
    expect(started).toEqual([[1, 2]]);
    finish[0]?.(2);
    await second;
    expect(started).toEqual([[1, 2], [3]]);
    const done = writer.done();
    finish[1]?.(1);
    expect(await done).toBe(3);
  });

  it('reports a failed write at the next write, not as an unhandled rejection', async () => {
    const { finish, write } = manualWrites();
    const writer = orderedWriter(write);
    await writer.write([1]);
    finish[0]?.(new Error('store down'));
    await tick();
    await expect(writer.write([2])).rejects.toThrow('store down');
  });

  it('settles a write in flight whatever its outcome', async () => {
    const { finish, write } = manualWrites();
    const writer = orderedWriter(write);
    await writer.write([1]);
    const settled = writer.settle();
    finish[0]?.(new Error('store down'));
    await expect(settled).resolves.toBeUndefined();
  });
});

import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/kernel/logger';
import { createLedger } from '../../../src/ledger/ledger';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { createStore } from '../../../src/store/port';
import { createDummyPerson } from '../../support/records';

const ROOT = path.resolve(__dirname, '../../..');
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-durable-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }));

const open = async () => createStore(await openLocalBackend(dir, silentLogger));

/** Starts the writer, lets it acknowledge at least `minAcks` records, then kills it with SIGKILL. */
async function writeAndKill(minAcks: number, extraMs: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/ledger-writer.ts', dir], { cwd: ROOT });
  const acked: number[] = [];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      if (acked.length >= minAcks) {
        child.removeAllListeners('exit');
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, extraMs);
      }
    });
  });
  await new Promise((r) => child.once('close', r));
  // Acks printed in the last moments before the kill may still sit in the pipe: count those too.
  for (const line of buffer.split('\n')) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
  return acked;
}

describe('embedded store durability', () => {
  it('keeps every acknowledged attestation after kill -9 mid-write, and the chain verifies', async () => {
    for (const extraMs of [0, 7, 23]) {
      const acked = await writeAndKill(40, extraMs);
      const store = await open();
      const ledger = createLedger({ attestations: store.attestations, catalogVersion: 'test' });
      const result = await ledger.verify();
      expect(result.ok).toBe(true);
      expect(result.checked).toBeGreaterThanOrEqual(Math.max(...acked));
      for (const seq of acked) expect(await store.attestations.bySeq(seq)).not.toBeNull();
      await store.close();
    }
  }, 60_000);

  it('cuts a torn last line left by a killed write and keeps it aside', async () => {
    const store = await open();
    await store.people.put(createDummyPerson());
    await store.close();
    await fs.appendFile(path.join(dir, 'people.db'), '{"_id":"p-half","email":"half@exa');
    const reopened = await open();
    expect((await reopened.people.list()).map((p) => p._id)).toEqual(['p-ada']);
    await reopened.close();
    const aside = (await fs.readdir(dir)).filter((f) => f.startsWith('people.db.torn-'));
    expect(aside).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, aside[0] as string), 'utf8')).toContain('p-half');
  });

  it('refuses to open a file with a damaged record in the middle, naming file and line', async () => {
    const store = await open();
    await store.people.put(createDummyPerson());
    await store.people.put(createDummyPerson({ _id: 'p-2', email: 'b@example.com' }));
    await store.close();
    const file = path.join(dir, 'people.db');
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines[0] = '{"_id":"p-ada", garbage';
    await fs.writeFile(file, lines.join('\n'));
    await expect(open()).rejects.toMatchObject({
      code: 'store_corrupt',
      message: expect.stringContaining(`${file}:1:`),
    });
    expect((await fs.readFile(file, 'utf8')).split('\n')[0]).toBe('{"_id":"p-ada", garbage');
  });

  it('refuses a second opener while the first holds the folder', async () => {
    const store = await open();
    await expect(open()).rejects.toMatchObject({ code: 'store_locked' });
    await store.close();
    await (await open()).close();
  });
});

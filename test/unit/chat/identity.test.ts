import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createIdentity } from '../../../src/chat/identity';
import { silentLogger } from '../../../src/kernel/logger';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { createStore, type Store } from '../../../src/store/port';
import { createDummyPerson } from '../../support/records';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-identity-'));
  store = createStore(await openLocalBackend(dir, silentLogger));
  await store.people.put(createDummyPerson());
});
afterEach(async () => {
  await store.close();
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('chat identity', () => {
  it('links by profile email once, then by the stored chat id', async () => {
    let lookups = 0;
    const actorFor = createIdentity({ people: () => store.people, log: silentLogger });
    const lookup = async () => {
      lookups++;
      return { email: 'ADA@example.com', name: 'Ada' };
    };
    expect(await actorFor('teams', 'aad-1', 'aad-1', lookup)).toMatchObject({
      personId: 'p-ada',
      name: 'Ada Lovelace',
    });
    expect(await actorFor('teams', 'aad-1', 'aad-1', lookup)).toMatchObject({ personId: 'p-ada' });
    expect(lookups).toBe(1);
    expect((await store.people.get('p-ada'))?.chatIds).toEqual(['teams:aad-1']);
  });

  it('treats people the directory does not know as unknown, and asks again only after ten minutes', async () => {
    let now = 1_000_000;
    let lookups = 0;
    const actorFor = createIdentity({ people: () => store.people, log: silentLogger, now: () => now });
    const lookup = async () => {
      lookups++;
      return { email: 'stranger@example.com', name: 'Stranger' };
    };
    expect(await actorFor('slack', 'T1:U9', 'U9', lookup)).toEqual({
      platform: 'slack',
      userId: 'U9',
      name: 'Stranger',
      personId: null,
    });
    await actorFor('slack', 'T1:U9', 'U9', lookup);
    expect(lookups).toBe(1);
    now += 10 * 60_000 + 1;
    await actorFor('slack', 'T1:U9', 'U9', lookup);
    expect(lookups).toBe(2);
  });

  it('keeps answering when the profile lookup fails or the store is not open', async () => {
    const actorFor = createIdentity({ people: () => store.people, log: silentLogger });
    const failing = async () => Promise.reject(new Error('ratelimited'));
    expect(await actorFor('slack', 'T1:U8', 'U8', failing)).toMatchObject({ personId: null, name: 'U8' });
    const closed = createIdentity({ people: () => undefined, log: silentLogger });
    expect(await closed('slack', 'T1:U8', 'U8', failing)).toMatchObject({ personId: null });
  });

  it('does not remember a miss while the directory is still empty (before its first sync)', async () => {
    const emptyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-identity-empty-'));
    const empty = createStore(await openLocalBackend(emptyDir, silentLogger));
    try {
      let lookups = 0;
      const actorFor = createIdentity({ people: () => empty.people, log: silentLogger });
      const lookup = async () => {
        lookups++;
        return { email: 'ada@example.com', name: 'Ada' };
      };
      expect((await actorFor('slack', 'T:U1', 'U1', lookup)).personId).toBeNull();
      await empty.people.put(createDummyPerson());
      expect((await actorFor('slack', 'T:U1', 'U1', lookup)).personId).toBe('p-ada');
      expect(lookups).toBe(2);
    } finally {
      await empty.close();
      await fs.rm(emptyDir, { recursive: true, force: true, maxRetries: 5 });
    }
  });
});

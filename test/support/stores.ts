import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { silentLogger } from '../../src/kernel/logger';
import { openLocalBackend } from '../../src/store/local/local-backend';
import { openMongoBackend } from '../../src/store/mongo/mongo-backend';
import { createStore, type Store } from '../../src/store/port';

/** MONGODB_URI comes from test/with-ferretdb.js (FerretDB) or the developer's own server. */
export const MONGODB_URI = process.env.MONGODB_URI;
const IN_CI = process.env.CI === 'true';

export interface StoreHarness {
  kind: 'local' | 'mongo';
  /** Opens a store on the harness's own empty database (the same one on every call). */
  open(): Promise<Store>;
  /** Changes a stored document behind the application's back, as an attacker with database access would. */
  tamper(
    collection: string,
    id: string,
    change: (doc: Record<string, unknown>) => Record<string, unknown> | null,
  ): Promise<void>;
  /** Drops the database or folder. */
  destroy(): Promise<void>;
  /** The connection string or folder, for child processes. */
  env: Record<string, string>;
}

function withDatabase(uri: string, db: string): string {
  const u = new URL(uri);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function localHarness(): Promise<StoreHarness> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-store-'));
  return {
    kind: 'local',
    env: { CONTROLBOT_DATA_DIR: dir },
    open: async () => createStore(await openLocalBackend(dir, silentLogger)),
    async tamper(collection, id, change) {
      const file = path.join(dir, `${collection}.db`);
      const lines = (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean);
      const out: string[] = [];
      for (const line of lines) {
        const doc = JSON.parse(line) as Record<string, unknown>;
        if (doc._id !== id) out.push(line);
        else {
          const changed = change(doc);
          if (changed) out.push(JSON.stringify(changed));
        }
      }
      await fs.writeFile(file, `${out.join('\n')}\n`);
    },
    destroy: () => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }),
  };
}

export async function mongoHarness(uri: string): Promise<StoreHarness> {
  const db = `cbt_${Math.random().toString(36).slice(2, 10)}`;
  const dbUri = withDatabase(uri, db);
  return {
    kind: 'mongo',
    env: { MONGODB_URI: dbUri },
    open: async () => createStore(await openMongoBackend(dbUri, silentLogger, { serverSelectionTimeoutMS: 3000 })),
    async tamper(collection, id, change) {
      const conn = await mongoose.createConnection(dbUri).asPromise();
      try {
        const col = conn.db!.collection<Record<string, unknown>>(collection);
        const doc = await col.findOne({ _id: id as never });
        if (!doc) throw new Error(`tamper: no ${collection} ${id}`);
        const changed = change({ ...doc });
        if (changed) await col.replaceOne({ _id: id as never }, changed);
        else await col.deleteOne({ _id: id as never });
      } finally {
        await conn.close();
      }
    },
    async destroy() {
      const conn = await mongoose.createConnection(dbUri).asPromise();
      await conn.dropDatabase();
      await conn.close();
    },
  };
}

/**
 * Runs a suite that is about the MongoDB adapter itself; skipped with a notice without MONGODB_URI,
 * except in CI where it must run.
 */
export function describeOnMongo(title: string, suite: (uri: string) => void): void {
  if (MONGODB_URI) {
    describe(title, () => suite(MONGODB_URI as string));
    return;
  }
  if (IN_CI) {
    it(`${title}: needs a MongoDB-compatible server in CI`, () => {
      throw new Error('MONGODB_URI is unset with CI=true: run the tests through test/with-ferretdb.js (npm test does)');
    });
  } else {
    console.warn(`NOTICE: "${title}" skipped: MONGODB_URI is unset (npm test starts FerretDB when installed)`);
    it.todo(`${title} (set MONGODB_URI or install FerretDB to run it)`);
  }
}

/**
 * Runs the same suite against every store adapter. Without MONGODB_URI the mongo run is skipped
 * with a notice, except in CI where it must run: there it fails instead.
 */
export function describeEachStore(title: string, suite: (harness: () => StoreHarness) => void): void {
  describe.each(['local', 'mongo'] as const)(`${title} [%s store]`, (kind) => {
    if (kind === 'mongo' && !MONGODB_URI) {
      if (IN_CI) {
        it('needs a MongoDB-compatible server in CI', () => {
          throw new Error(
            'MONGODB_URI is unset with CI=true: run the tests through test/with-ferretdb.js (npm test does)',
          );
        });
      } else {
        console.warn(
          `NOTICE: "${title}" skipped for MongoDB: MONGODB_URI is unset (npm test starts FerretDB when installed)`,
        );
        it.todo(`${title} on MongoDB (set MONGODB_URI or install FerretDB to run it)`);
      }
      return;
    }
    let harness: StoreHarness;
    let opened: Store[] = [];
    beforeEach(async () => {
      const base = kind === 'local' ? await localHarness() : await mongoHarness(MONGODB_URI as string);
      opened = [];
      harness = { ...base, open: async () => track(await base.open()) };
    });
    // Stores a test left open are closed before the database goes; closing twice is harmless.
    const track = (store: Store): Store => {
      let closed = false;
      const tracked: Store = {
        ...store,
        close: async () => {
          if (!closed) await store.close();
          closed = true;
        },
      };
      opened.push(tracked);
      return tracked;
    };
    afterEach(async () => {
      for (const store of opened) await store.close();
      await harness.destroy();
    });
    suite(() => harness);
  });
}

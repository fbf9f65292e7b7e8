import mongoose from 'mongoose';
import { isAppError } from '../../../src/kernel/errors';
import { silentLogger } from '../../../src/kernel/logger';
import { openMongoBackend } from '../../../src/store/mongo/mongo-backend';
import { createDummyOutbox } from '../../support/records';
import { describeOnMongo } from '../../support/stores';

describeOnMongo('MongoDB adapter set-up', (uri) => {
  it('closes its connection when the schema cannot be set up, so nothing keeps the process alive', async () => {
    const url = new URL(uri);
    url.pathname = `/cbt_setup_${Math.random().toString(36).slice(2, 10)}`;
    const seed = await mongoose.createConnection(url.toString()).asPromise();
    try {
      // Two messages under one dedupe key: the outbox's unique index cannot be built.
      await seed.db!.collection('outbox').insertMany([
        { ...createDummyOutbox(), _id: 'ob-1' as never },
        { ...createDummyOutbox(), _id: 'ob-2' as never },
      ]);
      const before = mongoose.connections.length;
      const failure = await openMongoBackend(url.toString(), silentLogger).catch((err: unknown) => err);
      expect(isAppError(failure, 'store_corrupt')).toBe(true);
      expect((failure as Error).message).toMatch(/set up the outbox collection/);
      const opened = mongoose.connections.slice(before);
      expect(opened.length).toBeGreaterThan(0);
      // 0 = disconnected: the adapter closed what it opened.
      expect(opened.map((c) => c.readyState)).toEqual(opened.map(() => 0));
    } finally {
      await seed.dropDatabase();
      await seed.close();
    }
  });
});

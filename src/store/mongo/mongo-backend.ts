import mongoose, { type Connection } from 'mongoose';
import { AppError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logger';
import type { AppendCollection, Doc } from '../collection';
import { COLLECTIONS, type CollectionSpec } from '../collections';
import type { Backend } from '../port';
import { mongoCollection, translateMongoError } from './mongo-collection';
import { SCHEMAS } from './schemas';

/** The server address without credentials, for messages and logs. */
export const redactUri = (uri: string) => uri.replace(/\/\/[^@/]*@/, '//***@');

export interface MongoOptions {
  serverSelectionTimeoutMS?: number;
}

/**
 * Connects with mongoose and makes sure the indexes exist. Fails fast (no command buffering) so a
 * dead server gives a clear error instead of a hang; the server's start-up retries with backoff.
 */
export async function openMongoBackend(uri: string, log: Logger, options: MongoOptions = {}): Promise<Backend> {
  const conn: Connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
    autoIndex: false,
    autoCreate: false,
    bufferCommands: false,
  });
  try {
    await conn.asPromise();
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw new AppError(
      'store_unavailable',
      `Cannot reach MongoDB at ${redactUri(uri)}: ${(err as Error).message}. Check MONGODB_URI and that the server is running.`,
      { cause: err },
    );
  }
  conn.on('disconnected', () => log.warn({ uri: redactUri(uri) }, 'MongoDB disconnected; the driver reconnects'));
  conn.on('reconnected', () => log.info({ uri: redactUri(uri) }, 'MongoDB reconnected'));
  const models = new Map<string, mongoose.Model<Doc>>();
  let settingUp = '';
  try {
    for (const spec of Object.values(COLLECTIONS)) {
      settingUp = spec.name;
      const schema = SCHEMAS[spec.name];
      if (!schema) throw new AppError('internal', `no schema for collection ${spec.name}`);
      const model = conn.model<Doc>(spec.name, schema, spec.name);
      await model.createCollection().catch((err: { codeName?: string; code?: number }) => {
        if (err.code !== 48 && err.codeName !== 'NamespaceExists') translateMongoError(err);
      });
      await model.createIndexes().catch(translateMongoError);
      models.set(spec.name, model);
    }
  } catch (err) {
    // Nothing will use or close this connection: left open, it would keep the process alive.
    await conn.close().catch(() => undefined);
    if (err instanceof AppError && err.code === 'store_unavailable') throw err;
    throw new AppError(
      'store_corrupt',
      `Cannot set up the ${settingUp} collection on MongoDB at ${redactUri(uri)}: ${(err as Error).message}. ` +
        'If an index cannot be built, documents in that collection break it (two with the same unique key).',
      { cause: err },
    );
  }
  const model = (spec: CollectionSpec) => {
    const m = models.get(spec.name);
    if (!m) throw new AppError('internal', `unknown collection ${spec.name}`);
    return m;
  };
  return {
    kind: 'mongo',
    location: redactUri(uri),
    mutable: <T extends Doc>(spec: CollectionSpec) => mongoCollection(model(spec) as unknown as mongoose.Model<T>),
    appendOnly<T extends Doc>(spec: CollectionSpec): AppendCollection<T> {
      const col = mongoCollection(model(spec) as unknown as mongoose.Model<T>, { validatedUpstream: true });
      const { find, findOne, count, scan, insertMany } = col;
      return { find, findOne, count, scan, insertMany };
    },
    async ping() {
      try {
        await conn.db?.command({ ping: 1 });
        if (!conn.db) throw new Error('not connected');
      } catch (err) {
        throw new AppError(
          'store_unavailable',
          `MongoDB at ${redactUri(uri)} does not answer: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
    },
    close: () => conn.close(),
  };
}

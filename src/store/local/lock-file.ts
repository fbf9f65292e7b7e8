import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../kernel/errors';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded store is single-process: NeDB has no file locking and a second writer loses data.
 * A pid file guards the folder; a lock left behind by a killed process is taken over.
 */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'LOCK');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      return async () => {
        await fs.rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(await fs.readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && alive(holder)) {
        throw new AppError(
          'store_locked',
          `The embedded store in ${dataDir} is in use by process ${holder}${holder === process.pid ? ' (this one: it is already open)' : ''}. It serves one process at a time: stop that process first, or set MONGODB_URI to share a MongoDB between processes.`,
        );
      }
      await fs.rm(file, { force: true });
    }
  }
  throw new AppError(
    'store_locked',
    `Could not lock the embedded store in ${dataDir}; remove ${file} if no controlbot runs`,
  );
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { type DirectoryPerson, readPeople } from '../../connectors/directory';
import type { ProblemSink } from '../../connectors/read-source';
import { readSystems, type SystemEntry } from '../../connectors/systems';
import type { AccessReviewSettings } from '../definition';

/** The sources of one campaign, as they were when it started. */
export interface Snapshot {
  people: Map<string, DirectoryPerson>;
  systems: Map<string, SystemEntry>;
  /** The entitlements file, read (streaming) while items are written. */
  entitlementsFile: string;
  /** SHA-256 over the three files: a resumed campaign checks it reads what the first attempt read. */
  sourcesHash: string;
}

const hashFile = (file: string, hash: ReturnType<typeof createHash>) =>
  new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve())
      .on('error', reject);
  });

/** Where the entitlements of a campaign are read from. */
export const entitlementsFileOf = (settings: AccessReviewSettings, root: string): string =>
  path.resolve(root, settings.sources.entitlements);

/** Reads the directory and the system register into memory (thousands of rows) and fingerprints the sources. */
export async function takeSnapshot(
  settings: AccessReviewSettings,
  root: string,
  problems: ProblemSink,
): Promise<Snapshot> {
  const file = (p: string) => path.resolve(root, p);
  const { sources } = settings;
  const hash = createHash('sha256');
  for (const f of [sources.people, sources.systems, sources.entitlements]) await hashFile(file(f), hash);
  const people = new Map<string, DirectoryPerson>();
  for await (const p of readPeople(file(sources.people), problems)) people.set(p.id, p);
  const systems = new Map<string, SystemEntry>();
  for await (const s of readSystems(file(sources.systems), problems)) systems.set(s.system, s);
  return { people, systems, entitlementsFile: entitlementsFileOf(settings, root), sourcesHash: hash.digest('hex') };
}

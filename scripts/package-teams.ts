import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeZip } from './teams/zip';

const ROOT = path.resolve(__dirname, '..');
export const MANIFEST_DIR = path.join(ROOT, 'manifests/teams');
export const OUTPUT = path.join(ROOT, 'dist/teams/controlbot-teams.zip');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/**
 * The Teams app package: manifest.json and both icons at the root of a zip, the manifest's app
 * and bot id set to `appId` (the bot's MICROSOFT_APP_ID) and its version to the package's.
 */
export function packageTeams(options: { appId?: string; version: string; dir?: string }): Buffer {
  const dir = options.dir ?? MANIFEST_DIR;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  if (options.appId !== undefined) {
    if (!GUID.test(options.appId)) {
      throw new Error(
        `MICROSOFT_APP_ID must be a GUID (the Application (client) ID of the bot's Azure app registration), got "${options.appId}"`,
      );
    }
    manifest.id = options.appId;
    for (const bot of manifest.bots ?? []) bot.botId = options.appId;
  }
  manifest.version = options.version;
  return writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: manifest.icons.color, data: readFileSync(path.join(dir, manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(path.join(dir, manifest.icons.outline)) },
  ]);
}

if (require.main === module) {
  // A packaging script reads its one input at its own edge, like loadConfig does for the server.
  const appId = process.env.MICROSOFT_APP_ID?.trim() || undefined;
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  try {
    const zip = packageTeams({ appId, version });
    mkdirSync(path.dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, zip);
    console.log(`wrote ${path.relative(process.cwd(), OUTPUT)} (${zip.length} bytes, app version ${version})`);
    if (!appId) {
      console.warn(
        'MICROSOFT_APP_ID is not set: the package carries the placeholder id 00000000-0000-0000-0000-000000000000, which Teams will not accept. Set it to your bot’s app id and run again.',
      );
    }
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { createLogger } from '../../../src/kernel/logger';
import { startServer } from '../../../src/server/start-server';
import { cardOf, startFakeBotConnector } from '../../fakes/fake-bot-connector';
import { until } from '../../support/slack-requests';
import { personalMessage } from '../../support/teams-activities';

const USER = { id: '29:dev', name: 'Dev Eloper', aadObjectId: 'aad-dev' };

/** Starts the server with `env`, runs `fn` against it, and stops it; the log lines are returned too. */
async function withServer(env: Record<string, string>, fn: (base: string) => Promise<void>): Promise<string[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-teams-mode-'));
  const lines: string[] = [];
  const log = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
  const server = await startServer({
    config: loadConfig({ PORT: '0', CONTROLBOT_DATA_DIR: dir, ...env }),
    log,
    host: '127.0.0.1',
    handleSignals: false,
  });
  try {
    await fn(`http://127.0.0.1:${server.port}`);
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
  }
  return lines;
}

const postActivity = (base: string, activity: object) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });

describe('/api/messages without Teams credentials', () => {
  it('is not served at all (404) when MICROSOFT_APP_ID is not set', async () => {
    await withServer({}, async (base) => {
      const res = await postActivity(base, personalMessage('http://127.0.0.1:9/', USER, 'help'));
      expect(res.status).toBe(404);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    });
  });

  it('is served without authentication when TEAMS_ALLOW_UNAUTHENTICATED=true, with a loud warning', async () => {
    const connector = await startFakeBotConnector();
    try {
      const lines = await withServer({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, async (base) => {
        const message = personalMessage(connector.serviceUrl, USER, 'help');
        expect((await postActivity(base, message)).status).toBe(200);
        expect(await until(() => connector.posted().some((c) => c.replyToId === message.id))).toBe(true);
        const reply = connector.posted().find((c) => c.replyToId === message.id);
        // Nothing is signed either: there are no credentials to sign with.
        expect(reply?.authorization).toBeUndefined();
        expect((cardOf(reply?.activity) as { fallbackText?: string }).fallbackText).toBe('How to use controlbot');
      });
      const warning = lines
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .find((l) => /WITHOUT/.test(l.msg));
      expect(warning).toMatchObject({ level: 40, msg: expect.stringContaining('TEAMS_ALLOW_UNAUTHENTICATED=true') });
    } finally {
      await connector.close();
    }
  });
});

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reply } from '../../../src/chat/model';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/kernel/logger';
import { type RunningServer, startServer } from '../../../src/server/start-server';

let dir: string;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-web-'));
  server = await startServer({
    config: loadConfig({ PORT: '0', CONTROLBOT_DATA_DIR: dir }),
    log: silentLogger,
    host: '127.0.0.1',
    handleSignals: false,
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

const say = async (body: object) => {
  const res = await fetch(`${base}/chat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, reply: (await res.json()) as Reply & { error?: string } };
};

describe('local web chat over HTTP', () => {
  it('serves the page, its script and styles with a strict content security policy', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<form id="composer">');
    expect(html).toContain('role="log"');
    expect((await fetch(`${base}/chat/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    const identities = (await (await fetch(`${base}/chat/identities`)).json()) as { id: string }[];
    expect(identities[0]).toEqual({ id: 'guest', name: 'Guest (not in the directory)' });
  });

  it('answers a question through the conversation core, with buttons that open each control', async () => {
    const { status, reply } = await say({ identity: 'guest', text: 'can I copy prod data to staging?' });
    expect(status).toBe(200);
    expect(reply.text).toMatch(/^\*Our policy:/);
    const buttons = reply.blocks.find((b) => b.type === 'buttons');
    expect(buttons?.type === 'buttons' && buttons.buttons.length).toBeGreaterThanOrEqual(3);
    const first = buttons?.type === 'buttons' ? buttons.buttons[0] : undefined;
    const opened = await say({ identity: 'guest', action: { id: first?.action, value: first?.value } });
    expect(opened.reply.blocks[0]).toMatchObject({
      type: 'section',
      title: expect.stringContaining(first?.value as string),
    });
  });

  it('handles help, control lookups and questions it cannot answer', async () => {
    expect((await say({ identity: 'guest', text: 'help' })).reply.text).toBe('How to use controlbot');
    expect((await say({ identity: 'guest', text: 'control A.9.2.5' })).reply.text).toBe(
      '9.2.5 Review of user access rights',
    );
    expect((await say({ identity: 'guest', text: 'control 42.4.2' })).reply.text).toMatch(
      /I don't know a control "42.4.2"/,
    );
    expect((await say({ identity: 'guest', text: 'whats for lunch today' })).reply.text).toMatch(
      /ask the compliance lead/,
    );
  });

  it("accepts a submitted form's fields with its action, and rejects fields that are not text", async () => {
    const submitted = await say({
      identity: 'guest',
      action: { id: 'control.show', value: '9.2.5', fields: { reason: 'quarterly review' } },
    });
    expect(submitted).toMatchObject({ status: 200, reply: { text: '9.2.5 Review of user access rights' } });
    const bad = await say({ identity: 'guest', action: { id: 'control.show', value: '9.2.5', fields: { n: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.reply.error).toMatch(/^action\.fields\.n: /);
  });

  it('rejects malformed messages with a clear 400', async () => {
    const bad = await say({ identity: 'guest', text: 'x'.repeat(2001), extra: true });
    expect(bad.status).toBe(400);
    expect(bad.reply.error).toMatch(/text: |Unrecognized key/);
  });
});

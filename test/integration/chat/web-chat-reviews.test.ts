import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Block, Reply } from '../../../src/chat/model';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/kernel/logger';
import { type RunningServer, startServer } from '../../../src/server/start-server';
import { until } from '../../support/slack-requests';

let dir: string;
let server: RunningServer;
let base: string;

const say = async (body: object): Promise<Reply> => {
  const res = await fetch(`${base}/chat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Reply;
};
const buttons = (reply: Reply) => reply.blocks.flatMap((b: Block) => (b.type === 'buttons' ? b.buttons : []));
const textOf = (reply: Reply) => JSON.stringify(reply.blocks);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-web-reviews-'));
  server = await startServer({
    config: loadConfig({ PORT: '0', CONTROLBOT_DATA_DIR: dir }),
    log: silentLogger,
    host: '127.0.0.1',
    handleSignals: false,
  });
  base = `http://127.0.0.1:${server.port}`;
  // The shipped quarterly review is caught up at first start: the demo campaign.
  await until(
    async () => /^\d+ access review item/.test((await say({ identity: 'p003', text: 'reviews' })).text),
    20_000,
  );
});
afterAll(async () => {
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('access reviews in the web chat', () => {
  it('lists a reviewer’s items flagged first, keeps one, and asks a reason before revoking', async () => {
    const list = await say({ identity: 'p003', text: 'reviews' });
    expect(list.text).toMatch(/\d+ access review item\(s\) waiting for you/);
    expect(textOf(list)).toContain('⚠️');
    const decide = buttons(list).filter((b) => b.action === 'review.decide');
    const keep = decide.find((b) => b.label === 'Keep');
    const revoke = decide.filter((b) => b.label === 'Revoke')[1];
    expect(buttons(list).some((b) => b.action === 'review.keep-unflagged' || b.action === 'review.list')).toBe(true);

    const kept = await say({ identity: 'p003', action: { id: keep?.action, value: keep?.value } });
    expect(kept.text).toMatch(/^Kept: /);
    const again = await say({ identity: 'p003', action: { id: keep?.action, value: keep?.value } });
    expect(again.text).toMatch(/^Already recorded/);

    const form = await say({ identity: 'p003', action: { id: revoke?.action, value: revoke?.value } });
    const block = form.blocks.find((b) => b.type === 'form');
    expect(block).toMatchObject({ type: 'form', fields: [{ name: 'reason', required: true }] });
    const submit = block?.type === 'form' ? block.submit : undefined;
    const empty = await say({
      identity: 'p003',
      action: { id: submit?.action, value: submit?.value, fields: { reason: ' ' } },
    });
    expect(empty.text).toMatch(/reason/);
    const revoked = await say({
      identity: 'p003',
      action: { id: submit?.action, value: submit?.value, fields: { reason: 'left the company in August' } },
    });
    expect(revoked.text).toMatch(/^Revocation recorded/);
    expect(textOf(revoked)).toMatch(/Attestation [0-9a-f]{12}/);
  });

  it('refuses decisions on someone else’s items and on behalf of unknown people', async () => {
    const list = await say({ identity: 'p003', text: 'reviews' });
    const keep = buttons(list).find((b) => b.label === 'Keep');
    const other = await say({ identity: 'p004', action: { id: keep?.action, value: keep?.value } });
    expect(other.text).toMatch(/not assigned to you/);
    const guest = await say({ identity: 'guest', action: { id: keep?.action, value: keep?.value } });
    expect(guest.text).toMatch(/directory/);
    expect((await say({ identity: 'guest', text: 'reviews' })).text).toMatch(/directory/);
  });

  it('shows the programme status to compliance leads only', async () => {
    const lead = await say({ identity: 'p005', text: 'status' });
    expect(textOf(lead)).toMatch(/of 1476 decided/);
    const engineer = await say({ identity: 'p003', text: 'status' });
    expect(engineer.text).toMatch(/Only compliance leads/);
  });
});

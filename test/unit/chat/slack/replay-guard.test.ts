import express from 'express';
import { replayGuard } from '../../../../src/chat/slack/replay-guard';

async function serve(now: () => number) {
  const app = express();
  const refused: string[] = [];
  app.use(replayGuard({ now, log: (m) => refused.push(m) }));
  app.post('/slack/events', (_req, res) => void res.send('ok'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  const post = (ts: string, sig: string) =>
    fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'x-slack-request-timestamp': ts, 'x-slack-signature': sig },
      body: 'x',
    }).then((r) => r.status);
  return { post, refused, close: () => new Promise((r) => server.close(r)) };
}

describe('Slack replay guard', () => {
  it('refuses the same timestamp and signature twice within five minutes, and forgets them after', async () => {
    let t = 1_000_000;
    const s = await serve(() => t);
    try {
      expect(await s.post('100', 'v0=aa')).toBe(200);
      expect(await s.post('100', 'v0=aa')).toBe(401);
      expect(await s.post('101', 'v0=bb')).toBe(200); // a retry is signed afresh
      t += 5 * 60_000 + 1;
      expect(await s.post('100', 'v0=aa')).toBe(200); // Bolt itself refuses timestamps this old
      expect(s.refused).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});

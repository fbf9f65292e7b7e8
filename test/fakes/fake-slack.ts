import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
}

/**
 * A loopback stand-in for the Slack Web API (POST /api/<method>, form-encoded, Bearer token,
 * JSON-encoded object arguments) and for response_url posts (POST /respond/<id>, JSON).
 * Calls with a token other than `token` get Slack's `invalid_auth`.
 */
export async function startFakeSlack(token: string, users: Record<string, { email: string; real_name: string }> = {}) {
  const calls: SlackCall[] = [];
  const responses: { path: string; body: Record<string, unknown>; at: number }[] = [];
  const waiters = new Map<string, (at: number) => void>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const url = req.url ?? '';
      if (url.startsWith('/respond/')) {
        const at = performance.now();
        responses.push({ path: url, body: JSON.parse(raw) as Record<string, unknown>, at });
        waiters.get(url)?.(at);
        waiters.delete(url);
        return void json(200, { ok: true });
      }
      const method = url.replace(/^\/api\//, '');
      const args: Record<string, unknown> = {};
      for (const [k, v] of new URLSearchParams(raw)) {
        args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
      }
      const auth = req.headers.authorization?.replace(/^Bearer /, '');
      calls.push({ method, token: auth, args });
      if (auth !== token) return void json(200, { ok: false, error: 'invalid_auth' });
      if (method === 'users.info') {
        const user = users[String(args.user)];
        if (!user) return void json(200, { ok: false, error: 'user_not_found' });
        return void json(200, {
          ok: true,
          user: { id: args.user, real_name: user.real_name, profile: { email: user.email, real_name: user.real_name } },
        });
      }
      json(200, { ok: true, channel: args.channel, ts: `${Date.now() / 1000}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: (id: string) => `http://127.0.0.1:${port}/respond/${id}`,
    calls,
    responses,
    /** Resolves with performance.now() when response_url `id` receives its post. */
    responded: (id: string) => new Promise<number>((resolve) => waiters.set(`/respond/${id}`, resolve)),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

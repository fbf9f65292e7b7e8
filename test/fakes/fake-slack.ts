import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackFaults } from './slack-faults';

export interface SlackCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
  /** The HTTP status the fake answered with (429 and 5xx come from injected faults). */
  status: number;
  /** Slack's `ok`: true only when the method succeeded. */
  ok: boolean;
  /** Slack's `error` code when `ok` is false. */
  error?: string;
  /** The result's `ts` (chat.postMessage), unique per call. */
  ts?: string;
}

/**
 * A loopback stand-in for the Slack Web API (POST /api/<method>, form-encoded, Bearer token,
 * JSON-encoded object arguments) and for response_url posts (POST /respond/<id>, JSON).
 * Calls with a token other than `token` get Slack's `invalid_auth`. `inject` and `chaos` make
 * calls fail the way real Slack does (429 + Retry-After, 5xx, platform errors); every call,
 * failed or not, is recorded in `calls` with what it was answered.
 */
export async function startFakeSlack(token: string, users: Record<string, { email: string; real_name: string }> = {}) {
  const calls: SlackCall[] = [];
  const responses: { path: string; body: Record<string, unknown>; at: number }[] = [];
  const waiters = new Map<string, (at: number) => void>();
  const faults = createSlackFaults();
  let seq = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
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
      const call: SlackCall = { method, token: auth, args, status: 200, ok: true };
      calls.push(call);
      const slackJson = (body: { ok: boolean; error?: string; ts?: string } & Record<string, unknown>) => {
        call.ok = body.ok;
        if (body.error) call.error = body.error;
        if (body.ts) call.ts = body.ts;
        json(200, body);
      };
      const fault = faults.next(method);
      if (fault) {
        call.status = fault.status;
        call.ok = false;
        const parsed = /^\{/.test(fault.body) ? (JSON.parse(fault.body) as { error?: string }) : {};
        if (parsed.error) call.error = parsed.error;
        return void res.writeHead(fault.status, fault.headers).end(fault.body);
      }
      if (auth !== token) return void slackJson({ ok: false, error: 'invalid_auth' });
      if (method === 'users.info') {
        const user = users[String(args.user)];
        if (!user) return void slackJson({ ok: false, error: 'user_not_found' });
        return void slackJson({
          ok: true,
          user: { id: args.user, real_name: user.real_name, profile: { email: user.email, real_name: user.real_name } },
        });
      }
      if (method === 'conversations.open') {
        return void slackJson({ ok: true, channel: { id: `D${String(args.users ?? args.user)}` } });
      }
      slackJson({ ok: true, channel: args.channel, ts: nextTs() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: (id: string) => `http://127.0.0.1:${port}/respond/${id}`,
    calls,
    responses,
    /** Injected faults still to come; `faults.length = 0` clears them. */
    faults: faults.pending,
    /** Answers the next `times` (default 1) calls of `method` (default any) with a failure. */
    inject: faults.inject,
    /** Fails a seeded random share of calls with 429/5xx; `chaos(null)` turns it off. */
    chaos: faults.chaos,
    /** Resolves with performance.now() when response_url `id` receives its post. */
    responded: (id: string) => new Promise<number>((resolve) => waiters.set(`/respond/${id}`, resolve)),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

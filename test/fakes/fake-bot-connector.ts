import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Teams user as the Bot Connector describes them (GET …/members/{id}: a TeamsChannelAccount). */
export interface FakeTeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

export interface ConnectorCall {
  method: string;
  /** The path as received, with `//` collapsed. */
  path: string;
  conversationId: string;
  /** For activity posts: the activity answered (`…/activities/{replyToId}`), absent for a new message. */
  replyToId?: string;
  /** For activity posts: the activity the bot sent. */
  activity?: Record<string, unknown>;
  authorization?: string;
  /** The status the fake answered. */
  status: number;
}

/**
 * A loopback stand-in for the Bot Connector API that Teams activities name as their `serviceUrl`:
 * POST /v3/conversations/{id}/activities[/{replyToId}] (replies and proactive messages, answered
 * `{id}`) and GET /v3/conversations/{id}/members/{userId} (TeamsInfo.getMember). With `token`,
 * calls without `Authorization: Bearer <token>` get 401 as from the real service. `inject` makes
 * the next activity posts fail with a status (and Retry-After for 429).
 */
export async function startFakeBotConnector(
  options: { members?: Record<string, FakeTeamsMember>; token?: string } = {},
) {
  const calls: ConnectorCall[] = [];
  const faults: { status: number; retryAfter?: number }[] = [];
  let seq = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        call.status = status;
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      };
      const path = (req.url ?? '').replace(/\/{2,}/g, '/');
      const parts = path.split('?')[0]?.split('/').map(decodeURIComponent) ?? [];
      // ['', 'v3', 'conversations', id, 'activities' | 'members', rest?]
      const call: ConnectorCall = {
        method: req.method ?? '',
        path,
        conversationId: parts[3] ?? '',
        authorization: req.headers.authorization,
        status: 0,
      };
      calls.push(call);
      if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
        return json(401, { message: 'Authorization has been denied for this request.' });
      }
      if (req.method === 'GET' && parts[4] === 'members' && parts[5]) {
        const member = options.members?.[parts[5]];
        if (!member) return json(404, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found' } });
        return json(200, { ...member, givenName: member.name.split(' ')[0], tenantId: 'tenant-1' });
      }
      if (req.method === 'POST' && parts[4] === 'activities') {
        call.activity = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        if (parts[5]) call.replyToId = parts[5];
        const fault = faults.shift();
        if (fault) {
          const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': String(fault.retryAfter) } : {};
          return json(fault.status, { error: { code: 'Injected', message: `injected ${fault.status}` } }, headers);
        }
        return json(200, { id: `fake-activity-${++seq}` });
      }
      json(404, { error: { code: 'NotFound', message: `the fake has no ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** What activities carry as `serviceUrl` (Teams' end with a slash, e.g. https://smba.trafficmanager.net/amer/). */
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    /** The activities the bot posted (replies and proactive messages) that the fake accepted. */
    posted: () => calls.filter((c) => c.activity && c.status === 200),
    /** Fails the next `times` activity posts with `status` (429 with Retry-After `retryAfter` seconds). */
    inject: (fault: { status: number; times?: number; retryAfter?: number }) => {
      for (let i = 0; i < (fault.times ?? 1); i++) faults.push({ status: fault.status, retryAfter: fault.retryAfter });
    },
    faults,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeBotConnector = Awaited<ReturnType<typeof startFakeBotConnector>>;

/** The Adaptive Card a posted activity carries, or undefined. */
export const cardOf = (activity: Record<string, unknown> | undefined) =>
  (activity?.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined)?.find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;

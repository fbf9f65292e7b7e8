import { createHmac } from 'node:crypto';

/** Slack's v0 request signature headers for `body` (https://docs.slack.dev/authentication/verifying-requests-from-slack). */
export const signSlack = (secret: string, body: string, ts = Math.floor(Date.now() / 1000)) => ({
  'x-slack-request-timestamp': String(ts),
  'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
});

/** Polls `check` until it holds or `ms` pass: Bolt acks first and calls the Web API afterwards. */
export const until = async (check: () => boolean | Promise<boolean>, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
};

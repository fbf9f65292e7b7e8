import { answerEventsOnce } from '../../../../src/chat/slack/slack-retries';
import { silentLogger } from '../../../../src/kernel/logger';

/** Runs the middleware on an Events API delivery; resolves with whether the listeners would run. */
function deliver(
  middleware: ReturnType<typeof answerEventsOnce>,
  eventId: string,
  retry?: { num: number; reason: string },
) {
  let passed = false;
  const args = {
    body: { type: 'event_callback', event_id: eventId },
    context: { retryNum: retry?.num, retryReason: retry?.reason },
    next: async () => {
      passed = true;
    },
  };
  // A partial of Bolt's middleware arguments: only body, context and next are read.
  return Promise.resolve(middleware(args as never)).then(() => passed);
}

describe('answerEventsOnce', () => {
  it('answers an event once, whatever Slack says about the retries', async () => {
    const once = answerEventsOnce(silentLogger);
    expect(await deliver(once, 'Ev1')).toBe(true);
    expect(await deliver(once, 'Ev1', { num: 1, reason: 'http_timeout' })).toBe(false);
    expect(await deliver(once, 'Ev1', { num: 2, reason: 'http_error' })).toBe(false);
  });

  it('answers a retry whose first delivery reached nobody, and drops timeouts it never saw', async () => {
    const once = answerEventsOnce(silentLogger);
    expect(await deliver(once, 'Ev2', { num: 1, reason: 'connection_failed' })).toBe(true);
    expect(await deliver(once, 'Ev2', { num: 2, reason: 'connection_failed' })).toBe(false);
    expect(await deliver(once, 'Ev3', { num: 1, reason: 'http_timeout' })).toBe(false);
  });

  it('forgets event ids after ten minutes', async () => {
    let t = 0;
    const once = answerEventsOnce(silentLogger, () => t);
    expect(await deliver(once, 'Ev4')).toBe(true);
    t = 10 * 60_000 + 1;
    expect(await deliver(once, 'Ev4', { num: 3, reason: 'http_error' })).toBe(true);
  });
});

import { singleTokenAuthorize } from '../../../../src/chat/slack/slack-authorize';
import { silentLogger } from '../../../../src/kernel/logger';

const settle = () => new Promise((r) => setImmediate(r));

describe('singleTokenAuthorize', () => {
  it('authorizes with the token at once, asks auth.test once, then adds the bot ids', async () => {
    let calls = 0;
    let answer: (v: { bot_id: string; user_id: string }) => void = () => undefined;
    const authorize = singleTokenAuthorize({
      token: 'xoxb-1',
      authTest: () => {
        calls += 1;
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
      log: silentLogger,
    });
    // Slack has not answered auth.test yet: the request is not held up.
    expect(await authorize()).toEqual({ botToken: 'xoxb-1' });
    expect(await authorize()).toEqual({ botToken: 'xoxb-1' });
    answer({ bot_id: 'B1', user_id: 'UBOT' });
    await settle();
    expect(await authorize()).toEqual({ botToken: 'xoxb-1', botId: 'B1', botUserId: 'UBOT' });
    expect(calls).toBe(1);
  });

  it('asks again after a failure, but not before half a minute has passed', async () => {
    let t = 0;
    const answers = [Promise.reject(new Error('Slack is down')), Promise.resolve({ bot_id: 'B1', user_id: 'UBOT' })];
    const authorize = singleTokenAuthorize({
      token: 'xoxb-1',
      authTest: () => answers.shift() ?? Promise.reject(new Error('asked too often')),
      log: silentLogger,
      now: () => t,
    });
    expect(await authorize()).toEqual({ botToken: 'xoxb-1' });
    await settle();
    t = 29_000;
    expect(await authorize()).toEqual({ botToken: 'xoxb-1' });
    expect(answers).toHaveLength(1);
    t = 31_000;
    await authorize();
    await settle();
    expect(await authorize()).toMatchObject({ botId: 'B1' });
  });
});

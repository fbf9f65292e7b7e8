import { fixedClock } from '../../../src/kernel/clock';
import { isAppError } from '../../../src/kernel/errors';
import { sequentialIds } from '../../../src/kernel/ids';
import { exponentialBackoff } from '../../../src/outbox/backoff';
import { createOutbox } from '../../../src/outbox/outbox';
import { decodePayload, encodePayload } from '../../../src/outbox/payload';
import { createTargetHolds } from '../../../src/outbox/target-holds';
import { createTokenBucket } from '../../../src/outbox/token-bucket';
import type { OutboxRepo } from '../../../src/store/repos/outbox';
import { reply } from '../../support/outbox';

describe('exponential backoff', () => {
  it('doubles from 2 s, caps at 15 min, and draws from the upper half of the ceiling', () => {
    const low = exponentialBackoff({ random: () => 0 });
    const high = exponentialBackoff({ random: () => 1 });
    expect([1, 2, 3, 8].map(high)).toEqual([2000, 4000, 8000, 256_000]);
    expect([1, 2, 3].map(low)).toEqual([1000, 2000, 4000]);
    expect(high(20)).toBe(15 * 60_000);
    expect(low(20)).toBe(7.5 * 60_000);
  });
});

describe('token bucket', () => {
  it('hands out `rate` tokens a second after the burst, on the injected clock', () => {
    const clock = fixedClock('2026-11-23T09:00:00Z');
    const bucket = createTokenBucket({ ratePerSec: 4, burst: 2, clock });
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 250]);
    clock.advance(250);
    expect([bucket.take(), bucket.take()]).toEqual([0, 250]);
  });

  it('hands out nothing while paused, and an earlier pause never shortens a later one', () => {
    const clock = fixedClock('2026-11-23T09:00:00Z');
    const bucket = createTokenBucket({ ratePerSec: 100, clock });
    bucket.pauseUntil(new Date('2026-11-23T09:00:03Z'));
    bucket.pauseUntil(new Date('2026-11-23T09:00:01Z'));
    expect(bucket.take()).toBe(3000);
    clock.advance(3000);
    expect(bucket.take()).toBe(0);
  });

  it('takes back a refunded token, but never saves more than the burst', () => {
    const clock = fixedClock('2026-11-23T09:00:00Z');
    const bucket = createTokenBucket({ ratePerSec: 10, burst: 2, clock });
    bucket.refund();
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 100]);
    bucket.refund();
    expect([bucket.take(), bucket.take()]).toEqual([0, 100]);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => createTokenBucket({ ratePerSec: 0, clock: fixedClock(new Date()) })).toThrow(/positive/);
  });
});

describe('target holds', () => {
  const setup = () => {
    const clock = fixedClock('2026-11-23T09:00:00Z');
    return { clock, holds: createTargetHolds({ clock, window: 6, threshold: 3, minTargets: 2 }) };
  };

  it('holds only the rate-limited target, for its Retry-After, and never shortens a hold', () => {
    const { clock, holds } = setup();
    expect(holds.rateLimited('C1', 1000)).toBe('target');
    holds.rateLimited('C1', 200);
    expect([holds.heldFor('C1'), holds.heldFor('C2')]).toEqual([1000, 0]);
    clock.advance(999);
    expect(holds.heldFor('C1')).toBe(1);
    clock.advance(1);
    expect(holds.heldFor('C1')).toBe(0);
  });

  it('answers platform once the latest calls are mostly 429s from several targets, then starts over', () => {
    const { holds } = setup();
    expect([holds.rateLimited('C1', 1000), holds.rateLimited('C2', 1000)]).toEqual(['target', 'target']);
    expect(holds.rateLimited('C3', 1000)).toBe('platform');
    expect(holds.rateLimited('C4', 1000)).toBe('target');
  });

  it('does not answer platform for one target limited again and again, or 429s among answered calls', () => {
    const { holds } = setup();
    expect([1, 2, 3, 4].map(() => holds.rateLimited('C1', 1000))).toEqual(['target', 'target', 'target', 'target']);
    const scattered = createTargetHolds({ clock: fixedClock(new Date()), window: 6, threshold: 3, minTargets: 2 });
    const scopes = [];
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 2; j++) scattered.answered();
      scopes.push(scattered.rateLimited(`C${i}`, 1000));
    }
    expect(new Set(scopes)).toEqual(new Set(['target']));
  });
});

describe('outbox payload and send', () => {
  it('round-trips the neutral reply and kind, and refuses payloads it did not write', () => {
    expect(decodePayload(encodePayload(reply('hi'), 'digest'))).toEqual({ kind: 'digest', reply: reply('hi') });
    expect(decodePayload({ text: 'hi' })).toBeNull();
    expect(decodePayload({ reply: { text: 'hi', blocks: [1] } })).toBeNull();
  });

  it('refuses a message without a dedupe key, naming the fix', async () => {
    const repo = { enqueue: jest.fn() } as unknown as OutboxRepo;
    const outbox = createOutbox({ repo, ids: sequentialIds() });
    const err = await outbox
      .send({ dedupeKey: ' ', platform: 'slack', target: 'C1', reply: reply('x') })
      .catch((e) => e);
    expect(isAppError(err, 'invalid_input')).toBe(true);
    expect(err.message).toMatch(/dedupeKey is empty: name what the message is for/);
  });
});

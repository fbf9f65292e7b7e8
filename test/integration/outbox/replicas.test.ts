import { sequentialIds } from '../../../src/kernel/ids';
import { createDispatcher } from '../../../src/outbox/dispatcher';
import { createOutbox } from '../../../src/outbox/outbox';
import { fakeTime, recordingSender, reply } from '../../support/outbox';
import { describeEachStore } from '../../support/stores';

describeEachStore('outbox dispatcher replicas', (harness) => {
  // On MongoDB each replica has its own store (its own connection), as separate processes would;
  // the embedded store is single-process, so there the two dispatchers share it.
  it('send every message exactly once when two drain the same outbox at once', async () => {
    const first = await harness().open();
    const second = harness().kind === 'mongo' ? await harness().open() : first;
    const time = fakeTime();
    const outbox = createOutbox({ repo: first.outbox, clock: time.clock, ids: sequentialIds() });
    const keys = Array.from({ length: 60 }, (_, i) => `reminder:${i}`);
    for (const [i, key] of keys.entries()) {
      await outbox.send({ dedupeKey: key, platform: 'slack', target: `C${i}`, reply: reply(key) });
    }
    const replicas = [first, second].map((store) => {
      const slack = recordingSender(time.clock);
      const dispatcher = createDispatcher({
        repo: store.outbox,
        senders: { slack: slack.sender },
        clock: time.clock,
        sleep: time.sleep,
        rateLimitPerSec: { slack: 1000 },
        batch: 8,
      });
      return { slack, dispatcher };
    });

    for (let round = 0; round < 5; round++) await Promise.all(replicas.map((r) => r.dispatcher.drain()));

    const sent = replicas.flatMap((r) => r.slack.sent.map((m) => m.reply.text));
    expect(sent.sort()).toEqual([...keys].sort());
    expect((await first.outbox.list()).map((m) => [m.status, m.attempts])).toEqual(keys.map(() => ['sent', 1]));
  });
});

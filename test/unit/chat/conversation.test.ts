import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAssistant } from '../../../src/assistant/assistant';
import { loadKnowledge } from '../../../src/assistant/knowledge';
import { createConversation } from '../../../src/chat/conversation';
import type { Button, Incoming } from '../../../src/chat/model';
import { fixedClock } from '../../../src/kernel/clock';
import { sequentialIds } from '../../../src/kernel/ids';
import { silentLogger } from '../../../src/kernel/logger';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { createStore, type Store } from '../../../src/store/port';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cb-conv-'));
  store = createStore(await openLocalBackend(dir, silentLogger));
});
afterEach(async () => {
  await store.close();
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

const ada = { platform: 'slack' as const, userId: 'U1', name: 'Ada', personId: null };

describe('conversation core', () => {
  it('records one vote per person and answer: a double click counts once and the last choice wins', async () => {
    const knowledge = await loadKnowledge();
    const conversation = createConversation({
      assistant: () => createAssistant(knowledge),
      catalog: knowledge.catalog,
      votes: () => store.votes,
      clock: fixedClock('2026-11-23T09:00:00Z'),
      ids: sequentialIds(),
    });
    const reply = await conversation.handle({
      actor: ada,
      text: 'mail ada@example.com: can I copy prod data to staging?',
    });
    const votes = reply.blocks
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .filter((b) => b.action === 'answer.vote');
    expect(votes.map((b) => b.label)).toEqual(['👍 Helpful', '👎 Not helpful']);
    const click = (b: Button): Incoming => ({ actor: ada, action: { id: b.action, value: b.value } });
    expect((await conversation.handle(click(votes[0] as Button))).text).toBe('Thanks for the feedback!');
    await conversation.handle(click(votes[0] as Button));
    await conversation.handle(click(votes[1] as Button));
    const stored = await store.votes.since(new Date(0));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ _id: 'slack:U1:ans_000001', helpful: false, platform: 'slack' });
    expect(stored[0]?.question).not.toContain('ada@example.com');
    expect(stored[0]?.controlIds.length).toBeGreaterThan(0);
    expect(await store.votes.since(new Date(0), { helpful: true })).toEqual([]);
  });

  it('answers with a short kind message when a route fails, instead of nothing', async () => {
    const knowledge = await loadKnowledge();
    const conversation = createConversation({
      assistant: () => createAssistant(knowledge),
      catalog: knowledge.catalog,
      votes: () => undefined,
    });
    const reply = await conversation.handle({ actor: ada, action: { id: 'answer.vote', value: '{"a":"x","h":true}' } });
    expect(reply.text).toBe('Sorry, something went wrong on my side.');
  });
});

describe('conversation routing', () => {
  it('routes on the text a person reads: a mention before "help" is channel markup', async () => {
    const knowledge = await loadKnowledge();
    const conversation = createConversation({
      assistant: () => createAssistant(knowledge),
      catalog: knowledge.catalog,
    });
    expect((await conversation.handle({ actor: ada, text: '<@UBOT> help :wave:' })).text).toBe('How to use controlbot');
    expect((await conversation.handle({ actor: ada, text: '<@UBOT> control A.9.2.5' })).text).toBe(
      '9.2.5 Review of user access rights',
    );
  });
});

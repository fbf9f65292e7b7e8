import { createAssistant } from '../../../src/assistant/assistant';
import { loadKnowledge } from '../../../src/assistant/knowledge';
import { redact } from '../../../src/assistant/redact';
import { stripChatMarkup } from '../../../src/assistant/text';
import type { QuestionRecord } from '../../../src/store/records';

const knowledgePromise = loadKnowledge();
const recorded: QuestionRecord[] = [];
const questions = { record: async (q: QuestionRecord) => void recorded.push(q), since: async () => recorded };

describe('assistant.ask without a model', () => {
  beforeEach(() => {
    recorded.length = 0;
  });

  it('answers a question with at least 3 controls, company policy first', async () => {
    const assistant = createAssistant({ ...(await knowledgePromise), questions });
    const a = await assistant.ask('can I copy prod data to staging?');
    expect(a.confident).toBe(true);
    expect(a.controls.length).toBeGreaterThanOrEqual(3);
    expect(a.controls.slice(0, 2).map((c) => c.id)).toEqual(expect.arrayContaining(['12.1.4']));
    expect(a.answer.startsWith('*Our policy:')).toBe(true);
    expect(a.answer.indexOf('*Our policy')).toBeLessThan(a.answer.indexOf(`*${a.controls[0]?.id} `));
    expect(a.answer.indexOf(`*${a.controls[0]?.id} `)).toBeGreaterThan(0);
    expect(a.phrasedBy).toBe('catalog');
    expect(recorded).toEqual([]);
  });

  it.each([
    ['what does A.9.2.5 say?', '9.2.5'],
    ['explain cld.9.5.1 to me', 'CLD.9.5.1'],
    ['which 2013 control is 27002:2022 8.13?', '12.3.1'],
  ])('puts a control id written in the question first: %s', async (question, id) => {
    const a = await createAssistant(await knowledgePromise).ask(question);
    expect(a.confident).toBe(true);
    expect(a.controls[0]?.id).toBe(id);
    expect(a.controls.length).toBeGreaterThanOrEqual(3);
  });

  it('reads through Slack markup, typos and synonyms', async () => {
    const assistant = createAssistant(await knowledgePromise);
    const withMarkup = await assistant.ask('<@U0123ABC> :wave: do we have to turn on 2fa for the aws console?');
    expect(withMarkup.controls.slice(0, 3).map((c) => c.id)).toContain('9.4.2');
    const typo = await assistant.ask('do we need to encrpyt the databse backups');
    expect(typo.confident).toBe(true);
    expect(typo.controls.slice(0, 3).map((c) => c.id)).toEqual(expect.arrayContaining(['12.3.1']));
  });

  it('says it is not sure about questions outside its scope, and records them redacted', async () => {
    const assistant = createAssistant({ ...(await knowledgePromise), questions });
    for (const q of ['whats for lunch today', 'who won the football last night', 'write me a poem about autumn']) {
      const a = await assistant.ask(q);
      expect([q, a.confident, a.controls]).toEqual([q, false, []]);
      expect(a.answer).toMatch(/ask the compliance lead/);
    }
    await assistant.ask('mail bob@example.com the pizza menu <@U0456DEF>');
    expect(recorded).toHaveLength(4);
    expect(recorded[3]?.text).not.toMatch(/bob@example\.com|U0456DEF/);
  });
});

describe('text helpers', () => {
  it('strips Slack markup', () => {
    expect(stripChatMarkup('<@U1> see <#C2|sec> and <https://x.io|the doc> :tada: `code`')).toBe(
      'see and the doc code',
    );
  });

  it('redacts emails, user ids, tokens and long secrets', () => {
    const out = redact(
      'ping ada@example.com or <@U0123ABC>, token xoxb-123-abc, key sk-abcdefghijklmnop1234, AKIAABCDEFGHIJKLMNOP',
    );
    expect(out).toBe('ping [email] or [user], token [token], key [token], [token]');
  });
});

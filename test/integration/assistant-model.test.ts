import { createAssistant } from '../../src/assistant/assistant';
import { loadKnowledge } from '../../src/assistant/knowledge';
import { openAiModel } from '../../src/assistant/model/openai-model';
import { startFakeOpenAI } from '../fakes/fake-openai';

const knowledgePromise = loadKnowledge();
const QUESTION = 'hey, ada@example.com here (<@U0999ZZZ>): can I copy prod data to staging?';

describe('assistant with an OpenAI-compatible model (loopback fake)', () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>> | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  const assistantWith = async (reply: Parameters<typeof startFakeOpenAI>[0]) => {
    fake = await startFakeOpenAI(reply);
    const model = openAiModel({ apiKey: 'sk-test-key', baseUrl: fake.baseUrl, model: 'local-model' });
    return createAssistant({ ...(await knowledgePromise), model, modelTimeoutMs: 300 });
  };

  it('uses the model text when it cites only retrieved controls, and sends no personal data', async () => {
    const assistant = await assistantWith(() => ({
      text: 'No: staging must not hold raw production data [12.1.4]; use masked copies [14.3.1].',
    }));
    const a = await assistant.ask(QUESTION);
    expect(a).toMatchObject({ confident: true, phrasedBy: 'model' });
    expect(a.answer).toContain('[12.1.4]');
    const sent = fake?.requests[0];
    expect(sent?.authorization).toBe('Bearer sk-test-key');
    expect(sent?.body.model).toBe('local-model');
    const prompt = JSON.stringify(sent?.body.messages);
    expect(prompt).not.toMatch(/ada@example\.com|U0999ZZZ/);
    expect(prompt).toContain('[12.1.4]');
  });

  it.each([
    ['cites a control it was not given', () => ({ text: 'See [5.1.1] and [12.1.4].' })],
    ['cites nothing', () => ({ text: 'Sure, go ahead.' })],
    ['fails', () => ({ status: 500 })],
    ['times out', () => 'hang' as const],
  ])('falls back to the catalog answer when the model %s, with the same ranking', async (_case, reply) => {
    const assistant = await assistantWith(reply);
    const a = await assistant.ask(QUESTION);
    const offline = await createAssistant(await knowledgePromise).ask(QUESTION);
    expect(a.phrasedBy).toBe('catalog');
    expect(a.answer).toBe(offline.answer);
    expect(a.controls).toEqual(offline.controls);
  });

  it('never calls the model for questions it is not confident about', async () => {
    const assistant = await assistantWith(() => ({ text: 'x [1.1.1]' }));
    expect((await assistant.ask('recommend a pizza place')).confident).toBe(false);
    expect(fake?.requests).toHaveLength(0);
  });
});

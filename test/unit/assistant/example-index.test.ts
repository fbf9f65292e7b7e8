import { createAssistant } from '../../../src/assistant/assistant';
import { buildControlIndex, DEFAULT_RANKING, type IndexedControl } from '../../../src/assistant/control-index';
import { loadKnowledge } from '../../../src/assistant/knowledge';

const control = (id: string, title: string): IndexedControl => ({
  id,
  title,
  catalog: 'test',
  keywords: [],
  summary: '',
  customer: '',
  provider: '',
  evidence: [],
  objectiveTitle: '',
});
const controls = [control('11.2.6', 'Security of equipment off-premises'), control('12.3.1', 'Information backup')];
const examples = {
  byControl: new Map([
    ['11.2.6', ['my laptop was stolen from the car', 'someone took my phone on the train']],
    ['12.3.1', ['are the database backups restorable', 'how long do we keep snapshots of the servers']],
  ]),
  outOfScope: ['who sings backup vocals in the office band', 'what is for lunch today'],
};

describe('example messages', () => {
  it('rank a control by how people phrase its topic when the question shares no word with its text', () => {
    expect(DEFAULT_RANKING.exampleWeight).toBeGreaterThan(0);
    expect(buildControlIndex(controls, []).search('laptop stolen at the station').hits).toEqual([]);
    const found = buildControlIndex(controls, [], { examples }).search('laptop stolen at the station');
    expect(found.hits.map((h) => h.id)).toEqual(['11.2.6']);
    expect(found.hits[0]?.example).toBeGreaterThan(0);
    expect(found.closestExample).toBe(found.hits[0]?.example);
    expect(found.outOfScope).toBe(0);
  });

  it('say how close a question is to the messages the bot declines', () => {
    const result = buildControlIndex(controls, [], { examples }).search('backup vocals for the band?');
    expect(result.outOfScope).toBeGreaterThan(result.closestExample);
  });

  it('make the assistant decline a question closer to a message to decline than to any control', async () => {
    const knowledge = await loadKnowledge();
    const question = 'we need a backup plan in case it rains at the summer picnic';
    expect(knowledge.examples.outOfScope.length).toBeGreaterThan(20);
    const without = buildControlIndex(knowledge.catalog.controls, knowledge.synonyms, {
      examples: { ...knowledge.examples, outOfScope: [] },
    });
    expect((await createAssistant({ ...knowledge, index: without }).ask(question)).confident).toBe(true);
    const declined = await createAssistant(knowledge).ask(question);
    expect(declined.confident).toBe(false);
    expect(declined.controls).toEqual([]);
  });
});

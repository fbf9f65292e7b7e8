import type { Block } from '../chat/model';
import type { SectionProvider } from './section';

const SHOWN = 5;
const quote = (s: string) => `“${s.length > 120 ? `${s.slice(0, 117)}…` : s}”`;

/** Questions the bot could not answer confidently, and answers voted not helpful, since the last digest. */
export const questionsSection: SectionProvider = async (store, { since }) => {
  const [questions, unhelpful] = await Promise.all([
    store.questions.since(since),
    store.votes.since(since, { helpful: false }),
  ]);
  if (questions.length === 0 && unhelpful.length === 0) return null;
  const blocks: Block[] = [];
  if (questions.length > 0) {
    blocks.push({
      type: 'section',
      title: `Not sure how to answer (${questions.length})`,
      text: questions
        .slice(-SHOWN)
        .map((q) => `• ${quote(q.text)}${q.suggestions.length ? ` — maybe ${q.suggestions[0]}` : ''}`)
        .join('\n'),
    });
  }
  if (unhelpful.length > 0) {
    blocks.push({
      type: 'section',
      title: `Answers voted not helpful (${unhelpful.length})`,
      text: unhelpful
        .slice(-SHOWN)
        .map((v) => `• ${quote(v.question)}${v.controlIds.length ? ` → ${v.controlIds.join(', ')}` : ''}`)
        .join('\n'),
    });
  }
  blocks.push({
    type: 'context',
    text: 'Write a company policy or add keywords to the catalog for questions that keep coming back.',
  });
  return {
    id: 'questions',
    title: 'Questions people asked',
    headline: `${questions.length} unanswered question(s), ${unhelpful.length} not-helpful vote(s)`,
    attention: questions.length + unhelpful.length,
    blocks,
  };
};

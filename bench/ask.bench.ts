// Answer quality and speed on the labelled question set (test/fixtures/questions.jsonl), with a
// plain baseline measured in the same run: MiniSearch's default BM25 over control titles alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { type Assistant, createAssistant } from '../src/assistant/assistant';
import { loadKnowledge } from '../src/assistant/knowledge';
import { loadCatalog } from '../src/catalog/load-catalog';
import { percentile, round } from './support';

interface Labelled {
  q: string;
  accept: string[];
}

/**
 * The labelled sets. Development sets are looked at while building, and keywords and ranking settings
 * are chosen on them: `questions.jsonl`, and `questions-development-2.jsonl`, written from the
 * control list alone by someone who saw neither the catalog nor the other sets, scored once as an
 * unseen set (top-1 73.2%, top-3 86.8%, out of scope declined 84.2%: the first set had been
 * overfitted), then used for tuning. The unseen sets were written the same way and are never used
 * for tuning: `questions-holdout.jsonl`, `questions-holdout-2.jsonl` (their aggregate figures have
 * been seen over several sessions) and `questions-holdout-3.jsonl` (written while the second
 * development set was being tuned on, by someone who saw neither; first scored after that tuning, and
 * its aggregates looked at while the example messages of data/catalog/examples were built).
 */
export const QUESTION_SETS = {
  development: 'questions.jsonl',
  development2: 'questions-development-2.jsonl',
  heldOut: 'questions-holdout.jsonl',
  heldOut2: 'questions-holdout-2.jsonl',
  heldOut3: 'questions-holdout-3.jsonl',
} as const;

export const loadQuestions = (file: string = QUESTION_SETS.development): Labelled[] =>
  readFileSync(path.join(__dirname, '..', 'test', 'fixtures', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);

interface Outcome {
  confident: boolean;
  ids: string[];
  ms: number;
}

function score(questions: Labelled[], outcomes: Outcome[]) {
  const inScope = questions.map((q, i) => ({ q, o: outcomes[i] as Outcome })).filter(({ q }) => q.accept.length > 0);
  const outScope = questions.map((q, i) => ({ q, o: outcomes[i] as Outcome })).filter(({ q }) => q.accept.length === 0);
  const hit = (n: number) =>
    inScope.filter(({ q, o }) => o.confident && o.ids.slice(0, n).some((id) => q.accept.includes(id))).length;
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    inScope: inScope.length,
    outOfScope: outScope.length,
    top1: round(hit(1) / inScope.length, 3),
    top3: round(hit(3) / inScope.length, 3),
    outOfScopeRejected: round(outScope.filter(({ o }) => !o.confident).length / outScope.length, 3),
    inScopeAnswered: round(inScope.filter(({ o }) => o.confident).length / inScope.length, 3),
    p50ms: round(percentile(ms, 50), 3),
    p99ms: round(percentile(ms, 99), 3),
  };
}

async function timeEach(questions: Labelled[], fn: (q: string) => Promise<Omit<Outcome, 'ms'>> | Omit<Outcome, 'ms'>) {
  for (const q of questions.slice(0, 20)) await fn(q.q); // warm up the JIT
  const out: Outcome[] = [];
  for (const q of questions) {
    const t = process.hrtime.bigint();
    const r = await fn(q.q);
    out.push({ ...r, ms: Number(process.hrtime.bigint() - t) / 1e6 });
  }
  return out;
}

export async function askBench() {
  const loadStarted = process.hrtime.bigint();
  await loadCatalog();
  const catalogLoadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
  const knowledgeStarted = process.hrtime.bigint();
  const knowledge = await loadKnowledge();
  const knowledgeLoadMs = Number(process.hrtime.bigint() - knowledgeStarted) / 1e6;
  const assistant = createAssistant(knowledge);
  const baseline = new MiniSearch({ idField: 'id', fields: ['title'] });
  baseline.addAll(knowledge.catalog.controls.map((c) => ({ id: c.id, title: c.title })));
  const sets: Record<string, unknown> = {};
  // BENCH_ASK_SETS=development,development2 measures only those sets (while tuning, unseen sets stay unscored).
  const only = process.env.BENCH_ASK_SETS?.split(',');
  for (const [name, file] of Object.entries(QUESTION_SETS)) {
    if (only && !only.includes(name)) continue;
    const { misses, ...figures } = await evaluate(loadQuestions(file), assistant, baseline);
    // An unseen set's questions must stay unseen: its misses are left out of the results unless asked
    // for (BENCH_ASK_UNSEEN_MISSES=1), so nobody tuning the catalog reads them by accident.
    const showMisses = name.startsWith('development') || process.env.BENCH_ASK_UNSEEN_MISSES === '1';
    sets[name] = { file, ...figures, misses: showMisses ? misses : `${misses.length} (unseen set: not listed)` };
  }
  return { catalogLoadMs: round(catalogLoadMs, 1), knowledgeLoadMs: round(knowledgeLoadMs, 1), ...sets };
}

async function evaluate(questions: Labelled[], assistant: Assistant, baseline: MiniSearch) {
  const ours = await timeEach(questions, async (q) => {
    const a = await assistant.ask(q);
    return { confident: a.confident, ids: a.controls.map((c) => c.id) };
  });

  const theirs = await timeEach(questions, (q) => {
    const hits = baseline.search(q);
    return { confident: hits.length > 0, ids: hits.slice(0, 5).map((h) => h.id as string) };
  });
  const misses = questions
    .map((q, i) => ({ q, o: ours[i] as Outcome }))
    .filter(({ q, o }) => (q.accept.length === 0 ? o.confident : !o.confident || !q.accept.includes(o.ids[0] ?? '')))
    .map(({ q, o }) => ({ q: q.q, accept: q.accept, got: o.confident ? o.ids.slice(0, 3) : 'not confident' }));
  return {
    questions: questions.length,
    controlbot: score(questions, ours),
    baselineTitlesBm25: score(questions, theirs),
    misses,
  };
}

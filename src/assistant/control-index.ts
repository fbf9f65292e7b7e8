import MiniSearch from 'minisearch';
import type { Control } from '../catalog/control';
import { type Examples, NO_EXAMPLES, OUT_OF_SCOPE_KEY } from '../catalog/examples';
import type { SynonymGroups } from '../catalog/synonyms';
import { buildExampleIndex, wordsAndPhrases } from './example-index';
import { synonymExpander } from './synonym-expander';
import { terms, typoTolerance } from './text';

/** What the index needs of a control; imported OSCAL controls fill in what they have. */
export type IndexedControl = Pick<
  Control,
  'id' | 'title' | 'catalog' | 'keywords' | 'summary' | 'customer' | 'provider' | 'evidence' | 'objectiveTitle'
>;

export interface SearchHit {
  id: string;
  title: string;
  score: number;
  /** Share of the question's own terms this control matched (0..1). */
  coverage: number;
  /** Whether it matched a pair of adjacent words of the question as a keyword phrase. */
  phrase: boolean;
  /** The retrieval score alone (BM25 × coverage), before keyword bonuses: what confidence is judged on. */
  baseScore: number;
  /** BM25 × coverage of the control's closest example message (0 without examples). */
  example: number;
}

export interface SearchResult {
  hits: SearchHit[];
  queryTerms: string[];
  /** How closely (BM25 × coverage) the question matches the closest message the bot should decline. */
  outOfScope: number;
  /** The same for the closest example message of any control. */
  closestExample: number;
}

export interface ControlIndex {
  search(text: string, limit?: number): SearchResult;
  size: number;
}

export interface IndexOptions {
  ranking?: Ranking;
  /** Example messages per control, and messages to decline. */
  examples?: Examples;
}

/** Field weights: the words people use (keywords) and the title count most. */
export const FIELD_BOOST = {
  keywords: 3,
  title: 2,
  objectiveTitle: 0.8,
  summary: 1,
  customer: 0.3,
  provider: 0.4,
  evidence: 0.5,
};
const RERANK_DEPTH = 20;

/** Adjacent term pairs ("lost laptop" → lost_laptop): a question that uses a keyword phrase says more than its words. */
const pairs = (t: readonly string[]) => t.slice(1).map((w, i) => `${t[i]}_${w}`);

/**
 * BM25 retrieval over the catalog with MiniSearch: stemmed terms (Porter2), chat stopwords removed,
 * synonyms expanded at half weight, and typos forgiven on longer words (edit distance 1-2).
 */
/**
 * Ranking knob, exposed so the benchmark can compare settings; the default is what ships. A question
 * that contains one of a control's keywords whole ("2FA", "lost laptop") gets points for how
 * specific that keyword is (Σ idf of its words over all controls' keywords): rare keywords decide
 * between neighbouring controls that BM25 scores alike. Confidence ignores it (see baseScore).
 */
export const DEFAULT_RANKING = {
  containedKeyword: 20,
  /** Ranking favours controls that match more of the question: score × (coverageFloor + coverage). */
  coverageFloor: 0.3,
  /** What a synonym's match is worth against the question's own word. */
  synonymWeight: 0.05,
  fieldBoost: FIELD_BOOST as Record<keyof typeof FIELD_BOOST, number>,
  /** What the BM25 score of a control's closest example message adds to its score. */
  exampleWeight: 4,
};
export type Ranking = typeof DEFAULT_RANKING;

export function buildControlIndex(
  controls: readonly IndexedControl[],
  synonyms: SynonymGroups,
  options: IndexOptions = {},
): ControlIndex {
  const ranking = options.ranking ?? DEFAULT_RANKING;
  const examples = options.examples ?? NO_EXAMPLES;
  const exampleIndex = buildExampleIndex(examples);
  const titles = new Map(controls.map((c) => [c.id, c.title]));
  const expand = synonymExpander(synonyms);
  /** Every term the index holds: a question term among them needs no typo search. */
  const known = new Set<string>();
  /** Only the question's own words may be typos; a synonym added by expansion is spelled right. */
  const typo = typoTolerance(known);
  const index = new MiniSearch<IndexedControl & { keywordText: string; evidenceText: string; phrases: string }>({
    idField: 'id',
    fields: ['title', 'keywordText', 'summary', 'customer', 'provider', 'evidenceText', 'objectiveTitle', 'phrases'],
    storeFields: ['title'],
    ...wordsAndPhrases(known),
  });
  index.addAll(
    controls.map((c) => ({
      ...c,
      keywordText: c.keywords.join(' . '),
      evidenceText: c.evidence.join(' . '),
      phrases: [c.title, ...c.keywords].flatMap((k) => pairs(terms(k))).join(' '),
    })),
  );
  const keywordTerms = new Map(controls.map((c) => [c.id, c.keywords.map((k) => [...new Set(terms(k))])]));
  const df = new Map<string, number>();
  for (const list of keywordTerms.values()) for (const t of new Set(list.flat())) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(controls.length / (df.get(t) ?? controls.length));
  /** The weight of the most specific keyword whose every word is in the question (Σ idf). */
  const containedKeyword = (id: string, question: ReadonlySet<string>) => {
    let best = 0;
    for (const k of keywordTerms.get(id) ?? []) {
      if (k.length === 0 || !k.every((t) => question.has(t))) continue;
      best = Math.max(
        best,
        k.reduce((sum, t) => sum + idf(t), 0),
      );
    }
    return best;
  };
  const fb = ranking.fieldBoost;
  const boost = { ...fb, keywordText: fb.keywords, evidenceText: fb.evidence };
  const isPair = (t: string) => t.includes('_');

  return {
    size: controls.length,
    search(text, limit = 5) {
      const own = [...new Set(terms(text))];
      const ownSet = new Set(own);
      if (own.length === 0) return { hits: [], queryTerms: own, outOfScope: 0, closestExample: 0 };
      const extra = expand(own);
      const questionPairs = pairs(terms(text));
      const results = index.search([...own, ...extra, ...questionPairs].join(' '), {
        boost,
        tokenize: (s) => s.split(' '),
        processTerm: (t) => t,
        fuzzy: (t) => own.includes(t) && typo(t),
        boostTerm: (t) => (own.includes(t) || isPair(t) ? 1 : ranking.synonymWeight),
        combineWith: 'OR',
      });
      const byExample = exampleIndex.match({ own, pairs: questionPairs, coverageFloor: ranking.coverageFloor });
      const candidates = new Map<string, SearchHit>();
      const hitOf = (id: string): SearchHit => {
        let h = candidates.get(id);
        if (!h) {
          h = { id, title: titles.get(id) ?? id, baseScore: 0, score: 0, coverage: 0, phrase: false, example: 0 };
          candidates.set(id, h);
        }
        return h;
      };
      // The best candidates by the control's own text and by its example messages are re-ranked together.
      const byBase = results
        .map((r) => {
          const coverage = new Set(r.queryTerms.filter((t) => own.includes(t))).size / own.length;
          return { r, coverage, baseScore: r.score * (ranking.coverageFloor + coverage) };
        })
        .sort((a, b) => b.baseScore - a.baseScore)
        .slice(0, RERANK_DEPTH);
      for (const { r, coverage, baseScore } of byBase)
        Object.assign(hitOf(r.id as string), { baseScore, coverage, phrase: r.queryTerms.some(isPair) });
      const exampleLeaders = [...byExample]
        .filter(([id]) => id !== OUT_OF_SCOPE_KEY)
        .sort((a, b) => b[1] - a[1])
        .slice(0, RERANK_DEPTH);
      for (const [id] of exampleLeaders) hitOf(id);
      const hits = [...candidates.values()]
        .map((h) => {
          h.example = byExample.get(h.id) ?? 0;
          h.score =
            h.baseScore + ranking.containedKeyword * containedKeyword(h.id, ownSet) + ranking.exampleWeight * h.example;
          return h;
        })
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      return {
        hits,
        queryTerms: own,
        outOfScope: byExample.get(OUT_OF_SCOPE_KEY) ?? 0,
        closestExample: exampleLeaders[0]?.[1] ?? 0,
      };
    },
  };
}

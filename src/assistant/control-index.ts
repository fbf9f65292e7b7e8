import MiniSearch from 'minisearch';
import type { Control } from '../catalog/control';
import type { SynonymGroups } from '../catalog/synonyms';
import { synonymExpander } from './synonym-expander';
import { terms, words } from './text';

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
}

export interface ControlIndex {
  search(text: string, limit?: number): { hits: SearchHit[]; queryTerms: string[] };
  size: number;
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
};
export type Ranking = typeof DEFAULT_RANKING;

export function buildControlIndex(
  controls: readonly IndexedControl[],
  synonyms: SynonymGroups,
  ranking: Ranking = DEFAULT_RANKING,
): ControlIndex {
  const expand = synonymExpander(synonyms);
  const index = new MiniSearch<IndexedControl & { keywordText: string; evidenceText: string; phrases: string }>({
    idField: 'id',
    fields: ['title', 'keywordText', 'summary', 'customer', 'provider', 'evidenceText', 'objectiveTitle', 'phrases'],
    storeFields: ['title'],
    // The phrases field holds ready-made word-pair tokens; every other field is words.
    tokenize: (text, field) => (field === 'phrases' ? text.split(' ') : words(text)),
    processTerm: (word, field) => (field === 'phrases' ? word : (terms(word)[0] ?? null)),
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
      if (own.length === 0) return { hits: [], queryTerms: own };
      const extra = expand(own);
      const all = [...own, ...extra, ...pairs(terms(text))];
      const results = index.search(all.join(' '), {
        boost,
        tokenize: (s) => s.split(' '),
        processTerm: (t) => t,
        fuzzy: (t) => (isPair(t) ? false : t.length >= 8 ? 0.25 : t.length >= 5 ? 0.2 : false),
        boostTerm: (t) => (own.includes(t) || isPair(t) ? 1 : ranking.synonymWeight),
        combineWith: 'OR',
      });
      const byBase = results
        .map((r) => {
          const coverage = new Set(r.queryTerms.filter((t) => own.includes(t))).size / own.length;
          const id = r.id as string;
          return {
            id,
            title: r.title as string,
            baseScore: r.score * (ranking.coverageFloor + coverage),
            score: 0,
            coverage,
            phrase: r.queryTerms.some(isPair),
          };
        })
        .sort((a, b) => b.baseScore - a.baseScore);
      // The keyword bonus re-ranks the best candidates only: it decides between neighbours, cheaply.
      const hits = byBase
        .slice(0, RERANK_DEPTH)
        .map((h) => ({ ...h, score: h.baseScore + ranking.containedKeyword * containedKeyword(h.id, ownSet) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      return { hits, queryTerms: own };
    },
  };
}

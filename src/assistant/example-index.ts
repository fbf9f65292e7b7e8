import MiniSearch from 'minisearch';
import { type Examples, OUT_OF_SCOPE_KEY } from '../catalog/examples';
import { terms, typoTolerance, words } from './text';

export interface ExampleQuery {
  /** The question's own terms; synonyms are left out (examples already vary their words, and it is faster). */
  own: readonly string[];
  pairs: readonly string[];
  coverageFloor: number;
}

export interface ExampleIndex {
  /** Control id → score (BM25 × coverage) of its closest example; the messages to decline under OUT_OF_SCOPE_KEY. */
  match(query: ExampleQuery): Map<string, number>;
  size: number;
}

const pairsOf = (t: readonly string[]) => t.slice(1).map((w, i) => `${t[i]}_${w}`);

/**
 * How both indexes read text: a `phrases` field holds ready-made word-pair tokens (`lost_laptop`),
 * every other field is words turned into search terms; every term indexed is added to `known`.
 */
export const wordsAndPhrases = (known: Set<string>) => ({
  tokenize: (text: string, field?: string) => (field === 'phrases' ? text.split(' ') : words(text)),
  processTerm: (word: string, field?: string) => {
    const t = field === 'phrases' ? word : (terms(word)[0] ?? null);
    if (t) known.add(t);
    return t;
  },
});

/**
 * BM25 over every example message as a document of its own, so that a question is compared with
 * whole phrasings ("my laptop got nicked from the car") rather than with a control's pooled words.
 */
export function buildExampleIndex(examples: Examples): ExampleIndex {
  const docs = [
    ...[...examples.byControl].flatMap(([control, list]) => list.map((text) => ({ control, text }))),
    ...examples.outOfScope.map((text) => ({ control: OUT_OF_SCOPE_KEY, text })),
  ].map((d, id) => ({ ...d, id, phrases: pairsOf(terms(d.text)).join(' ') }));
  const known = new Set<string>();
  /** Only the question's own words may be typos; a synonym added by expansion is spelled right. */
  const typo = typoTolerance(known);
  const index = new MiniSearch<(typeof docs)[number]>({
    idField: 'id',
    fields: ['text', 'phrases'],
    storeFields: ['control'],
    ...wordsAndPhrases(known),
  });
  index.addAll(docs);
  return {
    size: docs.length,
    match({ own, pairs, coverageFloor }) {
      const out = new Map<string, number>();
      if (own.length === 0) return out;
      const results = index.search([...own, ...pairs].join(' '), {
        tokenize: (s) => s.split(' '),
        processTerm: (t) => t,
        fuzzy: (t) => own.includes(t) && typo(t),
        combineWith: 'OR',
      });
      for (const r of results) {
        const coverage = new Set(r.queryTerms.filter((t) => own.includes(t))).size / own.length;
        const s = r.score * (coverageFloor + coverage);
        const control = r.control as string;
        if (s > (out.get(control) ?? 0)) out.set(control, s);
      }
      return out;
    },
  };
}

import type { Catalog } from '../catalog/control';
import type { Policy } from '../catalog/policy';
import { type Clock, systemClock } from '../kernel/clock';
import { type IdGenerator, randomIds } from '../kernel/ids';
import { type Logger, silentLogger } from '../kernel/logger';
import type { Platform } from '../store/records';
import type { QuestionsRepo } from '../store/repos/questions';
import { type Answer, catalogAnswer, NOT_SURE, policiesFor } from './answer';
import type { ControlIndex, IndexedControl } from './control-index';
import { explicitControlIds } from './explicit-ids';
import { checkCitations, groundedPrompt } from './model/grounded';
import type { LanguageModel } from './model/language-model';
import { redact } from './redact';
import { stripChatMarkup } from './text';

/**
 * When the best match is good enough to answer: its score, and how many of the question's own
 * words it matched (two, or all of them for a one-word question). Chosen on the labelled set in
 * test/fixtures so that at least 90% of out-of-scope questions are declined: a compliance bot
 * should rather say "not sure" than answer wrongly. A best match just short of minScore is still
 * answered when the question also contains one of its keywords whole, so that its ranked score
 * (retrieval plus keyword bonus) reaches minRankedScore: a specific keyword is strong evidence.
 */
export const DEFAULT_THRESHOLDS = { minScore: 120, minMatchedTerms: 2, minRankedScore: 210 };
const MODEL_TIMEOUT_MS = 8000;
const EXPLICIT_SCORE = 1000;

export interface AssistantOptions {
  catalog: Catalog;
  index: ControlIndex;
  policies?: readonly Policy[];
  /** Controls of imported catalogs, by their prefixed id. */
  imported?: ReadonlyMap<string, IndexedControl>;
  model?: LanguageModel;
  questions?: QuestionsRepo;
  thresholds?: Partial<typeof DEFAULT_THRESHOLDS>;
  /** How long the model may take before the catalog answer is used (default 8 s). */
  modelTimeoutMs?: number;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
}

export interface Assistant {
  ask(question: string, context?: { platform?: Platform }): Promise<Answer>;
}

export function createAssistant(options: AssistantOptions): Assistant {
  const { catalog, index, model } = options;
  const policies = options.policies ?? [];
  const imported = options.imported ?? new Map();
  const { minScore, minMatchedTerms, minRankedScore } = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const log = options.log ?? silentLogger;
  const titleOf = (id: string) => catalog.get(id)?.title ?? imported.get(id)?.title ?? id;

  /** Ranked controls: ids written in the question first, then retrieval. Never depends on the model. */
  const rank = (text: string) => {
    const explicit = explicitControlIds(text, catalog).map((id) => ({
      id,
      title: titleOf(id),
      score: EXPLICIT_SCORE,
      coverage: 1,
    }));
    const { hits, queryTerms, outOfScope, closestExample } = index.search(text, 6);
    const merged = [...explicit, ...hits.filter((h) => !explicit.some((e) => e.id === h.id))];
    // Confidence is judged on the best control that matched the question's words in its own text; a
    // control found only through its example messages is ranked but does not vouch for the answer.
    const top = hits.find((h) => h.baseScore > 0);
    const strongest = Math.max(0, ...hits.map((h) => h.baseScore));
    const matched = top ? Math.round(top.coverage * queryTerms.length) : 0;
    const enoughTerms = matched >= Math.min(minMatchedTerms, queryTerms.length);
    // A question closer to a message the bot should decline than to any control's example is declined.
    const declinable = outOfScope > 0 && outOfScope >= closestExample;
    const confident =
      explicit.length > 0 ||
      (top !== undefined && enoughTerms && !declinable && (strongest >= minScore || top.score >= minRankedScore));
    if (confident && merged.length < 3) {
      const lead = catalog.get(merged[0]?.id ?? '');
      const siblings = catalog.controls.filter(
        (c) => c.objective === lead?.objective && !merged.some((m) => m.id === c.id),
      );
      for (const c of siblings.slice(0, 3 - merged.length))
        merged.push({ id: c.id, title: c.title, score: 0, coverage: 0 });
    }
    return { confident, ranked: merged.slice(0, 5), hits };
  };

  const phrase = async (question: string, ids: string[], linked: Policy[]) => {
    const fallback = catalogAnswer(catalog, (id) => imported.get(id), ids, linked);
    if (!model) return { text: fallback, phrasedBy: 'catalog' as const };
    const material = ids.map((id) => catalog.get(id) ?? imported.get(id)).filter((c) => c !== undefined);
    try {
      const text = await model.complete(groundedPrompt(question, material, linked), {
        timeoutMs: options.modelTimeoutMs ?? MODEL_TIMEOUT_MS,
      });
      const check = checkCitations(text, ids);
      if (check.ok) return { text, phrasedBy: 'model' as const };
      log.warn(
        { cited: check.cited, foreign: check.foreign },
        'model answer cited ids it was not given; using the catalog answer',
      );
    } catch (err) {
      log.warn({ err: (err as Error).message, model: model.name }, 'model failed; using the catalog answer');
    }
    return { text: fallback, phrasedBy: 'catalog' as const };
  };

  const remember = async (text: string, platform: Platform, suggestions: string[]) => {
    try {
      await options.questions?.record({
        _id: ids('q'),
        text: redact(text),
        askedAt: clock.now(),
        platform,
        suggestions,
      });
    } catch (err) {
      log.error({ err: (err as Error).message }, 'could not record an unanswered question');
    }
  };

  return {
    async ask(question, context = {}) {
      const text = stripChatMarkup(question);
      const { confident, ranked, hits } = rank(text);
      if (!confident) {
        const maybe = hits.slice(0, 2).map((h) => `${h.id} ${h.title}`);
        await remember(text, context.platform ?? 'cli', maybe);
        const hint =
          maybe.length > 0 && text.length > 0
            ? ` If it is about security, it might relate to ${maybe.join(' or ')}.`
            : '';
        return {
          question,
          confident: false,
          controls: [],
          answer: `${NOT_SURE}${hint}`,
          policies: [],
          phrasedBy: 'catalog',
        };
      }
      const ids = ranked.map((r) => r.id);
      const linked = policiesFor(policies, ids.slice(0, 3));
      const { text: answer, phrasedBy } = await phrase(text, ids, linked);
      return {
        question,
        confident: true,
        controls: ranked.map((r) => ({ id: r.id, title: r.title, score: Math.round(r.score * 100) / 100 })),
        answer,
        policies: linked.map(({ id, title, owner, lastReviewed, text: body }) => ({
          id,
          title,
          owner,
          lastReviewed,
          text: body,
        })),
        phrasedBy,
      };
    },
  };
}

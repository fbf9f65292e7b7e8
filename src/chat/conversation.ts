import type { Assistant } from '../assistant/assistant';
import { stripChatMarkup } from '../assistant/text';
import type { Catalog } from '../catalog/control';
import { type Clock, systemClock } from '../kernel/clock';
import { AppError, isAppError } from '../kernel/errors';
import { type IdGenerator, randomIds } from '../kernel/ids';
import { type Logger, silentLogger } from '../kernel/logger';
import type { Store } from '../store/port';
import type { VotesRepo } from '../store/repos/questions';
import type { Decisions } from '../workflows/access-review/decisions';
import type { BackupFollowUps } from '../workflows/backup-check/follow-up';
import type { SupplierReviews } from '../workflows/supplier-review/answers';
import { backupRoutes } from './backup-routes';
import type { Actor, Incoming, Reply } from './model';
import { answerReply, controlReply, HELP, homeReply, notFoundReply, THANKS, type VoteValue } from './replies';
import { reviewRoutes, waitingBlocks } from './review-routes';
import { supplierRoutes } from './supplier-routes';

/** A route of the conversation: `select` decides whether it applies, `handle` answers. */
export interface Route {
  name: string;
  select(incoming: Incoming): string | null;
  handle(argument: string, incoming: Incoming): Promise<Reply>;
}

export interface Conversation {
  handle(incoming: Incoming): Promise<Reply>;
  /** A person's home view (Slack App Home, Teams personal tab, web chat start): open items and quick help. */
  home(actor: Actor): Promise<Reply>;
}

export const SORRY: Reply = {
  text: 'Sorry, something went wrong on my side.',
  blocks: [
    {
      type: 'text',
      text: 'Sorry, something went wrong on my side. Please try again in a minute; if it keeps happening, tell the compliance lead.',
    },
  ],
};

export const NOT_RECORDED: Reply = {
  text: 'That was not recorded.',
  blocks: [
    {
      type: 'text',
      text: '⚠️ I could not reach the database, so that was *not recorded*. Nothing was half-saved; please try again in a minute.',
    },
  ],
};

/** Errors a person can act on get their own short message; anything else is SORRY and a log entry. */
function toldToUser(err: unknown): Reply | null {
  if (isAppError(err, 'store_unavailable') || isStoreOutage(err)) return NOT_RECORDED;
  if (err instanceof AppError && ['forbidden', 'invalid_input', 'conflict', 'not_found'].includes(err.code)) {
    return { text: err.message, blocks: [{ type: 'text', text: err.message }] };
  }
  return null;
}

/** The MongoDB driver's errors for a server it cannot reach (mongoose surfaces them unwrapped). */
const isStoreOutage = (err: unknown) =>
  err instanceof Error && /^Mongo(Network|ServerSelection|NotConnected|PoolClosed)|^MongoTopologyClosed/.test(err.name);

/**
 * The channel-neutral conversation core: a plain list of routes, tried in order. Slack, Teams and
 * the web chat translate their events into `Incoming` and render the `Reply`; nothing here knows
 * which channel it is talking to.
 */
export function createConversation(options: {
  assistant: () => Assistant;
  catalog: Catalog;
  votes?: () => VotesRepo | undefined;
  /** Access reviews; without them the review intents answer that nothing is waiting. */
  reviews?: { store: () => Store | null; decisions: Decisions };
  /** Backup checks: `backups`, acknowledging and explaining failures, restore tests. */
  backups?: { store: () => Store | null; followUps: BackupFollowUps };
  /** Supplier reviews: `suppliers` and the review questionnaire. */
  suppliers?: { store: () => Store | null; reviews: SupplierReviews };
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
}): Conversation {
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const vote = async (raw: string, i: Incoming) => {
    const v = JSON.parse(raw) as VoteValue;
    const repo = options.votes?.();
    if (!repo) throw new Error('votes cannot be recorded: the store is not open');
    await repo.record({
      _id: `${i.actor.platform}:${i.actor.userId}:${v.a}`,
      answerId: String(v.a),
      helpful: v.h === true,
      question: String(v.q ?? '').slice(0, 300),
      controlIds: Array.isArray(v.c) ? v.c.map(String).slice(0, 5) : [],
      platform: i.actor.platform,
      at: clock.now(),
    });
    return THANKS;
  };
  const showControl = async (raw: string) => {
    const control = options.catalog.get(raw);
    return control ? controlReply(control) : notFoundReply(raw);
  };
  const routes: Route[] = [
    { name: 'help', select: (i) => (/^\s*(help|\?)\s*$/i.test(i.text ?? '') ? '' : null), handle: async () => HELP },
    {
      name: 'control.show',
      select: (i) => (i.action?.id === 'control.show' ? i.action.value : null),
      handle: showControl,
    },
    { name: 'answer.vote', select: (i) => (i.action?.id === 'answer.vote' ? i.action.value : null), handle: vote },
    { name: 'control', select: (i) => /^\s*control\s+(\S+)\s*$/i.exec(i.text ?? '')?.[1] ?? null, handle: showControl },
    ...(options.reviews ? reviewRoutes(options.reviews) : []),
    ...(options.backups ? backupRoutes(options.backups) : []),
    ...(options.suppliers ? supplierRoutes({ ...options.suppliers, clock }) : []),
    {
      name: 'ask',
      select: (i) => (i.text?.trim() ? i.text.trim() : null),
      handle: async (question, i) =>
        answerReply(await options.assistant().ask(question, { platform: i.actor.platform }), ids('ans')),
    },
  ];
  return {
    async home(actor) {
      try {
        return homeReply(actor, await waitingBlocks(options.reviews?.store() ?? null, actor));
      } catch (err) {
        log.error({ err: (err as Error).message, platform: actor.platform }, 'home view without open items');
        return homeReply(actor, [{ type: 'context', text: 'Your open items could not be loaded just now.' }]);
      }
    },
    async handle(raw) {
      // Mentions, emoji and links are channel markup, not words: routes see the text a person reads.
      const incoming = raw.text === undefined ? raw : { ...raw, text: stripChatMarkup(raw.text) };
      for (const route of routes) {
        const argument = route.select(incoming);
        if (argument === null) continue;
        try {
          return await route.handle(argument, incoming);
        } catch (err) {
          const told = toldToUser(err);
          const level = told ? 'warn' : 'error';
          log[level](
            { err: (err as Error).message, route: route.name, platform: incoming.actor.platform },
            'conversation route failed',
          );
          return told ?? SORRY;
        }
      }
      return HELP;
    },
  };
}

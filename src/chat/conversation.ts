import type { Assistant } from '../assistant/assistant';
import { stripChatMarkup } from '../assistant/text';
import type { Catalog } from '../catalog/control';
import { type Clock, systemClock } from '../kernel/clock';
import { type IdGenerator, randomIds } from '../kernel/ids';
import { type Logger, silentLogger } from '../kernel/logger';
import type { VotesRepo } from '../store/repos/questions';
import type { Actor, Incoming, Reply } from './model';
import { answerReply, controlReply, HELP, homeReply, notFoundReply, THANKS, type VoteValue } from './replies';

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

/**
 * The channel-neutral conversation core: a plain list of routes, tried in order. Slack, Teams and
 * the web chat translate their events into `Incoming` and render the `Reply`; nothing here knows
 * which channel it is talking to.
 */
export function createConversation(options: {
  assistant: () => Assistant;
  catalog: Catalog;
  votes?: () => VotesRepo | undefined;
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
    {
      name: 'ask',
      select: (i) => (i.text?.trim() ? i.text.trim() : null),
      handle: async (question, i) =>
        answerReply(await options.assistant().ask(question, { platform: i.actor.platform }), ids('ans')),
    },
  ];
  return {
    async home(actor) {
      return homeReply(actor, []);
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
          log.error(
            { err: (err as Error).message, route: route.name, platform: incoming.actor.platform },
            'conversation route failed',
          );
          return SORRY;
        }
      }
      return HELP;
    },
  };
}

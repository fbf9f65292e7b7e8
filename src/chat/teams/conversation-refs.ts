import type { Activity } from 'botbuilder';
import type { Logger } from '../../kernel/logger';
import type { ConversationsRepo } from '../../store/repos/conversations';
import { addressOf, isPersonal } from './teams-incoming';

/** How many conversations one process remembers having stored, so it does not write on every message. */
const REMEMBERED = 10_000;

export interface ConversationBook {
  /**
   * Stores where this conversation can be reached later (reminders, digests): on install always,
   * on messages the first time this process sees the conversation (or sees it linked to a person).
   * A store failure is logged, never fails the turn: the person still gets their answer.
   */
  remember(activity: Partial<Activity>, personId: string | null, options?: { force?: boolean }): Promise<void>;
}

export function conversationBook(options: {
  conversations: () => ConversationsRepo | undefined;
  log: Logger;
  now?: () => Date;
}): ConversationBook {
  const now = options.now ?? (() => new Date());
  const stored = new Set<string>();
  return {
    async remember(activity, person, { force = false } = {}) {
      const { key, ref } = addressOf(activity);
      // A channel or group chat belongs to no one person.
      const personId = isPersonal(activity) ? person : null;
      const memo = `${key}|${personId ?? ''}|${ref.serviceUrl ?? ''}`;
      if (!key || (!force && stored.has(memo))) return;
      const repo = options.conversations();
      if (!repo) return;
      try {
        // A JSON round trip: the stored reference is plain data, whatever the store.
        await repo.save({
          platform: 'teams',
          key,
          personId,
          ref: JSON.parse(JSON.stringify(ref)),
          updatedAt: now(),
        });
        if (stored.size >= REMEMBERED) stored.clear();
        stored.add(memo);
      } catch (err) {
        options.log.warn(
          { platform: 'teams', key, err: (err as Error).message },
          'could not store the conversation reference; proactive messages to it wait for the next message',
        );
      }
    },
  };
}

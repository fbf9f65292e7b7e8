import type { Logger } from '../kernel/logger';
import type { Platform } from '../store/records';
import type { PeopleRepo } from '../store/repos/people';
import type { Actor } from './model';

/** What a channel can tell about one of its users when asked (Slack users.info, Teams getMember). */
export type ProfileLookup = () => Promise<{ email?: string; name?: string } | null>;

const MISS_TTL_MS = 10 * 60_000;

/**
 * Links chat users to directory people, once for every channel: by a stored chat id, else by the
 * profile email the channel reports (then the chat id is stored). People the directory does not
 * know get an actor with no personId: they may ask, never decide. Misses are remembered for ten
 * minutes so a channel's profile API is not asked on every message.
 */
export function createIdentity(options: { people: () => PeopleRepo | undefined; log: Logger; now?: () => number }) {
  const now = options.now ?? Date.now;
  const misses = new Map<string, number>();
  return async function actorFor(
    platform: Platform,
    chatUser: string,
    userId: string,
    lookup: ProfileLookup,
  ): Promise<Actor> {
    const chatId = `${platform}:${chatUser}`;
    const unknown = (name = userId): Actor => ({ platform, userId, name, personId: null });
    const people = options.people();
    if (!people) return unknown();
    const linked = await people.byChatId(chatId);
    if (linked) return { platform, userId, name: linked.name, personId: linked._id };
    if ((misses.get(chatId) ?? 0) > now()) return unknown();
    try {
      const profile = await lookup();
      const person = profile?.email ? await people.byEmail(profile.email) : null;
      if (!person) {
        // Before the first directory sync everyone is unknown: that is not worth remembering.
        if (!(await people.isEmpty())) misses.set(chatId, now() + MISS_TTL_MS);
        return unknown(profile?.name ?? userId);
      }
      await people.linkChatId(person._id, chatId);
      options.log.info({ platform, user: userId, personId: person._id }, 'linked a chat user to the directory');
      return { platform, userId, name: person.name, personId: person._id };
    } catch (err) {
      options.log.warn(
        { platform, user: userId, err: (err as Error).message },
        'profile lookup failed; treating the user as unknown',
      );
      return unknown();
    }
  };
}

import { type App, webApi } from '@slack/bolt';
import type { ProfileLookup } from '../identity';
import type { Actor } from '../model';

/** How long a Slack user's actor is reused before the directory is asked again. */
export const ACTOR_TTL_MS = 60_000;
/** Most actors remembered at once; the oldest are forgotten first. */
const MAX_ACTORS = 10_000;

/** Slack's answers to users.info that mean "no such person to link", not "ask again later". */
const NO_PROFILE = new Set(['user_not_found', 'user_not_visible', 'account_inactive']);

/**
 * The profile users.info reports, or null when Slack says there is none to be had: the identity
 * lookup then remembers the miss instead of asking Slack again on every message.
 */
export const profileOf =
  (app: App, token: string, userId: string): ProfileLookup =>
  async () => {
    try {
      const info = await app.client.users.info({ token, user: userId });
      return { email: info.user?.profile?.email, name: info.user?.real_name };
    } catch (err) {
      const e = err as { code?: string; data?: { error?: string } };
      if (e?.code === webApi.ErrorCode.PlatformError && NO_PROFILE.has(e.data?.error ?? '')) return null;
      throw err;
    }
  };

type ActorOf = (teamId: string | undefined, userId: string) => Promise<Actor>;

/**
 * `actorOf` with a short memory: a person's presses and commands come in bursts, and each would
 * otherwise read the directory (and queue behind any write to it, such as a directory sync) before
 * it could be answered. Lookups in flight are shared, so a double click asks once; only actors
 * linked to a directory person are remembered. What a person may do is still checked by the core
 * (Decisions reads the person) on every action.
 */
export function cachedActors(actorOf: ActorOf, now: () => number = Date.now): ActorOf {
  const actors = new Map<string, { until: number; actor: Promise<Actor> }>();
  return (teamId, userId) => {
    const key = `${teamId ?? ''}:${userId}`;
    const t = now();
    const hit = actors.get(key);
    if (hit && hit.until > t) return hit.actor;
    actors.delete(key);
    if (actors.size >= MAX_ACTORS) {
      for (const [k, v] of actors) if (v.until <= t || actors.size >= MAX_ACTORS) actors.delete(k);
    }
    const actor = actorOf(teamId, userId);
    actors.set(key, { until: t + ACTOR_TTL_MS, actor });
    // People not (yet) linked to the directory are looked up again next time: the identity lookup
    // has its own memory of misses, and a profile lookup that failed must not stick for a minute.
    const forget = () => {
      if (actors.get(key)?.actor === actor) actors.delete(key);
    };
    actor.then((a) => (a.personId ? undefined : forget()), forget);
    return actor;
  };
}

import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { Incoming } from '../model';
import { FIELD_PREFIX } from './render-cards';

type Action = NonNullable<Incoming['action']>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a person wrote, as they read it: the bot's own @mention removed (in channels every message
 * to the bot starts with one), other people's mentions reduced to their names, HTML entities Teams
 * adds decoded.
 */
export function messageText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const mention of TurnContext.getMentions(activity)) {
    if (mention.mentioned?.id === activity.recipient?.id && mention.text) text = text.split(mention.text).join(' ');
  }
  return text
    .replace(/<at>([^<]*)<\/at>/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A card action as the core's action: the verb (Action.Execute's `verb`, or `data.verb` when an
 * Action.Submit delivered only the data), `data.value`, and the form inputs Teams merged into the
 * data (`fields.<name>`). Null when the data names no action (a card we did not render).
 */
export function cardAction(verb: unknown, data: unknown): Action | null {
  const d = isRecord(data) ? data : {};
  const id = typeof verb === 'string' && verb ? verb : d.verb;
  if (typeof id !== 'string' || !id) return null;
  const fields: Record<string, string> = {};
  for (const [key, v] of Object.entries(d)) {
    if (key.startsWith(FIELD_PREFIX) && typeof v === 'string') fields[key.slice(FIELD_PREFIX.length)] = v;
  }
  const value = typeof d.value === 'string' ? d.value : '';
  return Object.keys(fields).length > 0 ? { id, value, fields } : { id, value };
}

/** The Action.Submit data a message activity carries, if any. */
export const submittedAction = (activity: Partial<Activity>): Action | null =>
  isRecord(activity.value) ? cardAction(undefined, activity.value) : null;

/** The Teams user behind an activity: the AAD object id (stable across chats), else the channel user id. */
export const teamsUserOf = (activity: Partial<Activity>): string =>
  activity.from?.aadObjectId ?? activity.from?.id ?? '';

/** The conversation type: `personal` (1:1 chat), `channel` or `groupChat`. */
export const isPersonal = (activity: Partial<Activity>): boolean =>
  (activity.conversation?.conversationType ?? 'personal') === 'personal';

/**
 * Where later messages for this conversation go, and the key they are stored under: a 1:1 chat is
 * keyed by the person's AAD object id (what the outbox names as a person's Teams target); a channel
 * or group chat by its conversation id without the `;messageid=` of the thread, so a proactive
 * message starts a new post instead of answering an old thread.
 */
export function addressOf(activity: Partial<Activity>): { key: string; ref: Partial<ConversationReference> } {
  const { activityId: _message, ...ref } = TurnContext.getConversationReference(activity);
  if (isPersonal(activity)) return { key: teamsUserOf(activity), ref };
  const id = (ref.conversation?.id ?? '').split(';')[0] ?? '';
  return {
    key: id,
    ref: { ...ref, conversation: { ...ref.conversation, id } as ConversationReference['conversation'] },
  };
}

/** Teams sends ISO timestamps as strings; botbuilder expects Dates (what CloudAdapter.process does). */
export function fixTimestamps(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const v = a[field];
    if (typeof v === 'string') {
      a[raw] = v;
      a[field] = new Date(v);
    }
  }
  return activity;
}

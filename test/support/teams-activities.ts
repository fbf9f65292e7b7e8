/**
 * Payload builders for Teams activities as the Bot Connector posts them to /api/messages, shaped
 * after real Teams traffic. Each returns a valid activity that a test overrides only where it matters.
 */
export const BOT = { id: '28:controlbot-bot-id', name: 'controlbot' };
export const TENANT = 'tenant-1';

let seq = 0;
const nextId = () => `1700000000${String(++seq).padStart(3, '0')}`;

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** A message in the user's 1:1 chat with the bot. */
export function personalMessage(serviceUrl: string, user: TeamsUser, text: string, over: object = {}) {
  return {
    type: 'message',
    id: nextId(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: user,
    recipient: BOT,
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    textFormat: 'plain',
    text,
    ...over,
  };
}

export const CHANNEL = { team: '19:team-general@thread.tacv2', channel: '19:compliance@thread.tacv2' };

/** A channel post that @mentions the bot: Teams puts `<at>name</at>` in the text and a mention entity. */
export function channelMention(serviceUrl: string, user: TeamsUser, text: string) {
  const id = nextId();
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...personalMessage(serviceUrl, user, `${mention} ${text}`),
    id,
    conversation: {
      id: `${CHANNEL.channel};messageid=${id}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: {
      teamsChannelId: CHANNEL.channel,
      teamsTeamId: CHANNEL.team,
      channel: { id: CHANNEL.channel },
      team: { id: CHANNEL.team },
      tenant: { id: TENANT },
    },
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
  };
}

/** An Action.Execute press: an `adaptiveCard/action` invoke whose response is the updated card. */
export function cardInvoke(serviceUrl: string, user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const { text: _text, textFormat: _format, ...base } = personalMessage(serviceUrl, user, '');
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'fake-activity-1',
    value: { action: { type: 'Action.Execute', id: `act-${seq}`, verb, data }, trigger: 'manual' },
  };
}

/** An Action.Submit press: a message with the card's data (and inputs) as `value` and no text. */
export function cardSubmit(serviceUrl: string, user: TeamsUser, data: Record<string, unknown>) {
  const { text: _text, ...base } = personalMessage(serviceUrl, user, '');
  return { ...base, replyToId: 'fake-activity-1', value: data };
}

/** The app installed in the user's personal scope. */
export function installed(serviceUrl: string, user: TeamsUser) {
  const { text: _text, textFormat: _format, ...base } = personalMessage(serviceUrl, user, '');
  return { ...base, type: 'installationUpdate', action: 'add' };
}

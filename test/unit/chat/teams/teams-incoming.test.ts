import {
  addressOf,
  cardAction,
  fixTimestamps,
  messageText,
  submittedAction,
} from '../../../../src/chat/teams/teams-incoming';
import { BOT, channelMention, personalMessage } from '../../../support/teams-activities';

const URL = 'https://smba.trafficmanager.net/emea/';
const USER = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };
/** An activity as the adapter hands it on: parsed from JSON, timestamps made Dates. */
const wire = (activity: object) => fixTimestamps(JSON.parse(JSON.stringify(activity)));

describe('Teams activities as the core’s Incoming', () => {
  it('drops the bot’s @mention, keeps other people’s names and decodes spaces', () => {
    expect(messageText(wire(channelMention(URL, USER, 'help')))).toBe('help');
    const other = {
      ...channelMention(URL, USER, 'may <at>Grace Hopper</at>&nbsp;see prod?'),
    };
    expect(messageText(wire(other))).toBe('may Grace Hopper see prod?');
    // A mention of someone else is not the bot's, even with the same display text.
    const lookalike = {
      ...personalMessage(URL, USER, '<at>controlbot</at> hi'),
      entities: [{ type: 'mention', text: '<at>controlbot</at>', mentioned: { id: '28:another-bot' } }],
    };
    expect(messageText(wire(lookalike))).toBe('controlbot hi');
    expect(messageText(wire({ ...personalMessage(URL, USER, ''), text: undefined, recipient: BOT }))).toBe('');
  });

  it('reads a card action from Action.Execute (verb) or Action.Submit (data.verb), with form fields', () => {
    expect(cardAction('review.decide', { value: '{"i":"x"}' })).toEqual({ id: 'review.decide', value: '{"i":"x"}' });
    expect(
      cardAction('review.submit', { verb: 'review.submit', value: 'v', 'fields.reason': 'left', other: 'x' }),
    ).toEqual({ id: 'review.submit', value: 'v', fields: { reason: 'left' } });
    expect(submittedAction({ value: { verb: 'control.show', value: '9.2.5' } })).toEqual({
      id: 'control.show',
      value: '9.2.5',
    });
    expect(submittedAction({ value: { someone: 'else’s card' } })).toBeNull();
    expect(submittedAction({ text: 'hi' })).toBeNull();
  });

  it('addresses a 1:1 chat by the person’s AAD id and a channel by the channel, not the thread', () => {
    const personal = addressOf(wire(personalMessage(URL, USER, 'hi')));
    expect(personal.key).toBe('aad-ada');
    expect(personal.ref).toMatchObject({ serviceUrl: URL, user: USER, bot: BOT, channelId: 'msteams' });
    expect(personal.ref).not.toHaveProperty('activityId');
    const channel = addressOf(wire(channelMention(URL, USER, 'hi')));
    expect(channel.key).toBe('19:compliance@thread.tacv2');
    expect(channel.ref.conversation).toMatchObject({ id: '19:compliance@thread.tacv2', conversationType: 'channel' });
  });
});

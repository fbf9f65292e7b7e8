import { cardOf } from '../../fakes/fake-bot-connector';
import { createDummyPerson } from '../../support/records';
import { until } from '../../support/slack-requests';
import {
  BOT,
  CHANNEL,
  cardSubmit,
  channelMention,
  installed,
  personalMessage,
  type TeamsUser,
} from '../../support/teams-activities';
import {
  actionsOf,
  type Card,
  type Execute,
  OUTBOUND,
  startTeamsServer,
  type TeamsServer,
} from '../../support/teams-server';

// p003 in data/samples/people.csv; Teams reports her directory email through getMember.
const PRIYA: TeamsUser = { id: '29:priya', name: 'Priya Raman', aadObjectId: 'aad-priya' };
const GUEST: TeamsUser = { id: '29:guest', name: 'Visiting Guest', aadObjectId: 'aad-guest' };
const JONAS: TeamsUser = { id: '29:jonas', name: 'Jonas Weber', aadObjectId: 'aad-jonas' };

let teams: TeamsServer;
let url: string;

beforeAll(async () => {
  teams = await startTeamsServer({
    members: { [PRIYA.id]: { ...PRIYA, email: 'Priya.Raman@fernwood.example' } },
    // Jonas (p002, a reviewer) installed controlbot in Teams earlier: linked, with his chat stored.
    seed: async (store, serviceUrl) => {
      await store.people.put(
        createDummyPerson({
          _id: 'p002',
          email: 'jonas.weber@fernwood.example',
          name: JONAS.name,
          chatIds: ['teams:aad-jonas'],
        }),
      );
      await store.conversations.save({
        platform: 'teams',
        key: JONAS.aadObjectId,
        personId: 'p002',
        ref: {
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: 'a:personal-jonas', conversationType: 'personal', tenantId: 'tenant-1' },
          bot: BOT,
          user: JONAS,
        },
        updatedAt: new Date(),
      });
    },
  });
  url = teams.connector.serviceUrl;
  expect(await teams.campaignReady()).toBe(true);
});
afterAll(async () => {
  // What Teams did is in the store: who was linked, where to reach them, and the decisions.
  const { priya, refs, attestations } = await teams.stop(async (store) => {
    const attestations = [];
    for await (const a of store.attestations.scan()) attestations.push(a);
    return { priya: await store.people.get('p003'), refs: await store.conversations.list('teams'), attestations };
  });
  expect(priya?.chatIds).toEqual(['teams:aad-priya']);
  expect(refs.map((r) => [r.key, r.personId])).toEqual(
    expect.arrayContaining([
      ['aad-priya', 'p003'],
      ['aad-guest', null],
      [CHANNEL.channel, null],
    ]),
  );
  const byTeams = attestations.filter((a) => a.actor.platform === 'teams');
  expect(byTeams.map((a) => [a.actor.id, a.decision])).toEqual(
    expect.arrayContaining([
      ['priya.raman@fernwood.example', 'keep'],
      ['priya.raman@fernwood.example', 'revoke'],
    ]),
  );
});

describe('Teams over HTTP (Bot Framework JWT, fake Bot Connector)', () => {
  it('answers a channel @mention in its thread with an Adaptive Card', async () => {
    const question = channelMention(url, PRIYA, 'can I copy prod data to staging?');
    const card = await teams.say(question);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card.fallbackText).toMatch(/^\*Our policy/);
    expect(actionsOf(card).map((a) => a.verb)).toContain('control.show');
    const reply = teams.connector.posted().find((c) => c.replyToId === question.id);
    expect(reply).toMatchObject({ conversationId: question.conversation.id, authorization: `Bearer ${OUTBOUND}` });
    // The bot's @mention is not part of the words: "help" after it is the help command.
    expect((await teams.say(channelMention(url, PRIYA, 'help'))).fallbackText).toBe('How to use controlbot');
  });

  it('links the Teams user by the email getMember reports, asking once', async () => {
    await teams.say(personalMessage(url, PRIYA, 'control 9.2.5'));
    const lookups = teams.connector.calls.filter((c) => c.method === 'GET' && c.path.includes('/members/'));
    // Her first message was the channel @mention, so Teams was asked through the team's roster.
    expect(lookups.map((c) => c.path)).toEqual([
      '/v3/conversations/19%3Ateam-general%40thread.tacv2/members/29%3Apriya',
    ]);
  });

  it('answers a message Teams delivers twice only once', async () => {
    const message = personalMessage(url, PRIYA, 'control A.12.3.1');
    expect((await teams.post(message)).status).toBe(200);
    expect((await teams.post(message)).status).toBe(200);
    expect(teams.connector.posted().filter((c) => c.replyToId === message.id)).toHaveLength(1);
  });

  it('keeps an item with Action.Execute: the card is updated in place and the decision is attested', async () => {
    const list = await teams.say(personalMessage(url, PRIYA, 'reviews'));
    const keep = actionsOf(list).find((a) => a.title === 'Keep') as Execute;
    expect(keep).toMatchObject({ verb: 'review.decide', data: { verb: 'review.decide' } });
    const kept = await teams.press(PRIYA, keep);
    expect(kept).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(kept.value.fallbackText).toMatch(/^Kept: /);
    expect(JSON.stringify(kept.value)).toMatch(/Attestation [0-9a-f]{12}/);
    expect((await teams.press(PRIYA, keep)).value.fallbackText).toMatch(/^Already recorded/);
  });

  it('asks a reason in the card before revoking, and records it', async () => {
    const list = await teams.say(personalMessage(url, PRIYA, 'reviews'));
    const revoke = actionsOf(list).find((a) => a.title === 'Revoke') as Execute;
    const form = (await teams.press(PRIYA, revoke)).value;
    expect(JSON.stringify(form)).toContain('"type":"Input.Text","id":"fields.reason"');
    const submit = actionsOf(form).find((a) => a.verb === 'review.submit') as Execute;
    const done = await teams.press(PRIYA, submit, { 'fields.reason': 'moved to the data team in October' });
    expect(done.value.fallbackText).toMatch(/^Revocation recorded/);
  });

  it('handles an Action.Submit (a message carrying the card data) like a press', async () => {
    const list = await teams.say(personalMessage(url, PRIYA, 'reviews'));
    const keep = actionsOf(list).find((a) => a.title === 'Keep') as Execute;
    expect((await teams.say(cardSubmit(url, PRIYA, keep.data))).fallbackText).toMatch(/^Kept: /);
  });

  it('welcomes a person who installs the app, and tells a stranger to the directory so', async () => {
    const hello = installed(url, GUEST);
    expect((await teams.post(hello)).status).toBe(200);
    const welcome = teams.connector.posted().find((c) => c.conversationId === hello.conversation.id);
    expect((cardOf(welcome?.activity) as unknown as Card).fallbackText).toBe('controlbot home for Visiting Guest');
    const reviews = await teams.say(personalMessage(url, GUEST, 'reviews'));
    expect(reviews.fallbackText).toMatch(/directory/);
  });

  it('delivers the review start to a linked reviewer proactively through the outbox', async () => {
    // Jonas gets other notices too (digests, other workflows): find the review start among them.
    const started = () =>
      teams.connector
        .posted()
        .filter((c) => c.conversationId === 'a:personal-jonas')
        .find((c) => /An access review has started/.test((cardOf(c.activity) as unknown as Card).fallbackText));
    expect(await until(() => started() !== undefined, 15_000)).toBe(true);
    expect(started()).toMatchObject({ authorization: `Bearer ${OUTBOUND}` });
  });
});

import { personalMessage } from '../../support/teams-activities';
import { APP_ID, startTeamsServer, type TeamsServer } from '../../support/teams-server';

const USER = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };

let teams: TeamsServer;
beforeAll(async () => {
  teams = await startTeamsServer({});
});
afterAll(() => teams.stop());

describe('Bot Framework authentication on /api/messages (MICROSOFT_APP_ID set)', () => {
  it('answers a request with a valid channel token, fetching the signing keys once', async () => {
    const first = personalMessage(teams.connector.serviceUrl, USER, 'help');
    expect((await teams.say(first)).fallbackText).toBe('How to use controlbot');
    expect((await teams.say(personalMessage(teams.connector.serviceUrl, USER, 'help'))).fallbackText).toBe(
      'How to use controlbot',
    );
    expect(teams.login.metadataFetches()).toBe(1);
  });

  it('rejects a missing, forged, misaddressed or expired token with 401, and does nothing', async () => {
    // botbuilder writes failed token checks (with the key) to console.error itself.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const serviceUrl = teams.connector.serviceUrl;
    const token = (claims: Record<string, unknown>, key?: 'stranger') =>
      teams.login.token({ aud: APP_ID, serviceUrl, ...claims }, { key });
    const now = Math.floor(Date.now() / 1000);
    const attempts: [string, string | null][] = [
      ['no Authorization header', null],
      ['signed with a key the JWKS does not hold', token({}, 'stranger')],
      ['for another bot', token({ aud: '11111111-2222-3333-4444-555555555555' })],
      ['expired', token({ exp: now - 600, nbf: now - 4000, iat: now - 4000 })],
      ['for another service URL', token({ serviceUrl: 'https://smba.example.net/amer/' })],
      ['from another issuer', token({ iss: 'https://login.example.com' })],
      ['not a JWT', 'not-a-jwt'],
    ];
    const ids: string[] = [];
    const statuses: [string, number][] = [];
    for (const [what, bearer] of attempts) {
      const message = personalMessage(serviceUrl, USER, 'help');
      ids.push(message.id);
      statuses.push([what, (await teams.post(message, bearer)).status]);
    }
    quiet.mockRestore();
    expect(statuses).toEqual(attempts.map(([what]) => [what, 401]));
    await new Promise((r) => setTimeout(r, 200));
    expect(teams.connector.calls.filter((c) => c.replyToId && ids.includes(c.replyToId))).toEqual([]);
  });

  it('answers 400 to a body that is not an activity', async () => {
    const res = await fetch(`${teams.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1]',
    });
    expect(res.status).toBe(400);
  });
});

import type { Actor } from '../../../../src/chat/model';
import { ACTOR_TTL_MS, cachedActors } from '../../../../src/chat/slack/slack-actors';

const known = (userId: string): Actor => ({ platform: 'slack', userId, name: 'Priya', personId: 'p003' });
const stranger = (userId: string): Actor => ({ platform: 'slack', userId, name: userId, personId: null });

describe('cachedActors', () => {
  it('looks a directory person up once, for presses in flight together and for a minute after', async () => {
    let t = 0;
    const lookups: string[] = [];
    const actorOf = cachedActors(
      async (_team, user) => {
        lookups.push(user);
        return known(user);
      },
      () => t,
    );
    await Promise.all([actorOf('T1', 'U3'), actorOf('T1', 'U3')]);
    t = ACTOR_TTL_MS - 1;
    expect(await actorOf('T1', 'U3')).toMatchObject({ personId: 'p003' });
    expect(lookups).toEqual(['U3']);
    t = ACTOR_TTL_MS + 1;
    await actorOf('T1', 'U3');
    expect(lookups).toEqual(['U3', 'U3']);
  });

  it('does not remember people outside the directory, nor failed lookups', async () => {
    const lookups: string[] = [];
    let fail = true;
    const actorOf = cachedActors(async (_team, user) => {
      lookups.push(user);
      if (user === 'U8' && fail) throw new Error('store down');
      return stranger(user);
    });
    await actorOf('T1', 'U9');
    await actorOf('T1', 'U9');
    await expect(actorOf('T1', 'U8')).rejects.toThrow('store down');
    fail = false;
    await actorOf('T1', 'U8');
    expect(lookups).toEqual(['U9', 'U9', 'U8', 'U8']);
  });
});

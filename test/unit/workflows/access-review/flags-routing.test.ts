import type { DirectoryPerson } from '../../../../src/connectors/directory';
import { flagsOf } from '../../../../src/workflows/access-review/flags';
import { routeItem } from '../../../../src/workflows/access-review/routing';

const person = (id: string, manager: string | null, status: 'active' | 'terminated' = 'active'): DirectoryPerson => ({
  id,
  name: id,
  email: `${id}@x.example`,
  manager,
  department: null,
  status,
  roles: [],
});
const people = new Map([
  ['ceo', person('ceo', null)],
  ['boss', person('boss', 'ceo')],
  ['gone', person('gone', 'ceo', 'terminated')],
  ['dev', person('dev', 'boss')],
  ['orphan-mgr', person('orphan-mgr', 'gone')],
]);
const rules = { reviewer: 'manager' as const, fallbackReviewer: 'ceo' };
const ent = (over = {}) => ({
  account: 'a',
  person: 'dev',
  system: 'aws',
  role: 'Admin',
  privileged: false,
  lastLogin: new Date('2026-11-01'),
  ...over,
});
const now = new Date('2026-11-23T00:00:00Z');

describe('flags', () => {
  it('flags leavers, orphans, privileged, dormant, never used and new accounts', () => {
    const f = (e: object, holder: DirectoryPerson | undefined, previous: Set<string> | null = null) =>
      flagsOf({ entitlement: ent(e), holder, now, dormantAfterDays: 90, previous });
    expect(f({}, people.get('dev'))).toEqual([]);
    expect(f({ person: 'gone' }, people.get('gone'))).toEqual(['terminated']);
    expect(f({ person: null }, undefined)).toEqual(['orphaned']);
    expect(f({ privileged: true, lastLogin: new Date('2026-08-01') }, people.get('dev'))).toEqual([
      'privileged',
      'dormant',
    ]);
    expect(f({ lastLogin: null }, people.get('dev'))).toEqual(['never-used']);
    expect(f({}, people.get('dev'), new Set(['aws/other']))).toEqual(['new']);
    expect(f({}, people.get('dev'), new Set(['aws/a']))).toEqual([]);
  });
});

describe('routing', () => {
  it('sends to the manager, else the owner, else the fallback, never the holder', () => {
    const sys = { system: 'aws', name: 'AWS', owner: 'boss' };
    expect(routeItem({ holder: people.get('dev'), system: sys, people, rules })).toEqual({
      reviewerId: 'boss',
      via: 'manager',
    });
    expect(routeItem({ holder: people.get('boss'), system: sys, people, rules })).toEqual({
      reviewerId: 'ceo',
      via: 'manager',
    });
    expect(routeItem({ holder: people.get('orphan-mgr'), system: sys, people, rules })).toEqual({
      reviewerId: 'boss',
      via: 'system-owner',
    });
    expect(routeItem({ holder: undefined, system: sys, people, rules })).toEqual({
      reviewerId: 'boss',
      via: 'system-owner',
    });
    expect(routeItem({ holder: undefined, system: { ...sys, owner: 'gone' }, people, rules })).toEqual({
      reviewerId: 'ceo',
      via: 'fallback',
    });
    const ownerFirst = { ...rules, reviewer: 'system-owner' as const };
    expect(routeItem({ holder: people.get('dev'), system: sys, people, rules: ownerFirst })).toEqual({
      reviewerId: 'boss',
      via: 'system-owner',
    });
    expect(routeItem({ holder: people.get('boss'), system: sys, people, rules: ownerFirst })).toEqual({
      reviewerId: 'ceo',
      via: 'manager',
    });
  });
});

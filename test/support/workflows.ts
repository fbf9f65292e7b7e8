import type { AccessReviewWorkflow } from '../../src/workflows/definition';

/** The shipped quarterly access review over data/samples, as the loader would produce it. */
export const sampleAccessReview = (over: Partial<AccessReviewWorkflow['accessReview']> = {}): AccessReviewWorkflow => ({
  name: 'quarterly-access-review',
  kind: 'access-review',
  schedule: '0 9 1 1,4,7,10 *',
  timezone: 'Europe/Berlin',
  controls: ['9.2.5', '9.2.3', '9.2.6'],
  enabled: true,
  accessReview: {
    sources: {
      people: 'data/samples/people.csv',
      entitlements: 'data/samples/entitlements.csv',
      systems: 'data/samples/systems.csv',
    },
    reviewer: 'manager',
    fallbackReviewer: 'p002',
    durationDays: 14,
    dormantAfterDays: 90,
    reminders: { everyWorkingDays: 3, dailyWhenOverdue: true },
    escalation: { afterDays: 7, to: ['manager', 'compliance-lead'] },
    unreviewed: 'revoke',
    ...over,
  },
});

export const KILL_TEST_SLOT = new Date('2026-10-01T07:00:00Z');

/** A workflow over generated sources (sources/ under the test's root), for the crash test. */
export const killTestWorkflow = (): AccessReviewWorkflow => ({
  ...sampleAccessReview({
    sources: { people: 'sources/people.csv', entitlements: 'sources/entitlements.csv', systems: 'sources/systems.csv' },
    fallbackReviewer: 'u0',
  }),
  name: 'crash-test-review',
});

/** Writes `people` people (u0 manages everyone) and 10 systems with an entitlement each. */
export async function writeSources(dir: string, people: number) {
  const { promises: fs } = await import('node:fs');
  const path = await import('node:path');
  await fs.mkdir(path.join(dir, 'sources'), { recursive: true });
  const rows = ['id,name,email,manager,department,status,roles'];
  for (let i = 0; i < people; i++) rows.push(`u${i},User ${i},u${i}@x.example,${i === 0 ? '' : 'u0'},Eng,active,`);
  await fs.writeFile(path.join(dir, 'sources/people.csv'), `${rows.join('\n')}\n`);
  const systems = ['system,name,owner,description'];
  for (let s = 0; s < 10; s++) systems.push(`sys-${s},System ${s},u1,`);
  await fs.writeFile(path.join(dir, 'sources/systems.csv'), `${systems.join('\n')}\n`);
  const ents = ['account,person,system,role,privileged,last_login'];
  for (let i = 0; i < people; i++) for (let s = 0; s < 10; s++) ents.push(`u${i},u${i},sys-${s},user,false,2026-11-01`);
  await fs.writeFile(path.join(dir, 'sources/entitlements.csv'), `${ents.join('\n')}\n`);
  return people * 10;
}

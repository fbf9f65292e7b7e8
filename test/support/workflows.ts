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

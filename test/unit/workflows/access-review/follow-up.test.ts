import { followUps } from '../../../../src/workflows/access-review/follow-up';

const campaign = {
  _id: 'c1',
  // Thursday 1 October 2026, 09:00 in Berlin; due two weeks later.
  startedAt: new Date('2026-10-01T07:00:00Z'),
  dueAt: new Date('2026-10-15T07:00:00Z'),
};
const settings = {
  reminders: { everyWorkingDays: 3, dailyWhenOverdue: true },
  escalation: { afterDays: 7, to: ['manager', 'compliance-lead'] as ('manager' | 'compliance-lead')[] },
};
const state = (over = {}) => ({ reviewerId: 'p9', open: 4, lastRemindedAt: null, escalationLevel: 0, ...over });
const at = (iso: string) => new Date(iso);
const kinds = (fs: ReturnType<typeof followUps>) =>
  fs.map((f) => (f.kind === 'reminder' ? 'reminder' : `escalate:${f.to}`));

describe('access-review follow-ups', () => {
  it('reminds after three working days, skipping the weekend', () => {
    // Thu + 3 working days = Tue 6 Oct, 09:00 Berlin.
    expect(kinds(followUps(campaign, state(), settings, 'Europe/Berlin', at('2026-10-06T06:59:00Z')))).toEqual([]);
    const due = followUps(campaign, state(), settings, 'Europe/Berlin', at('2026-10-06T07:00:00Z'));
    expect(due).toEqual([{ kind: 'reminder', overdue: false, dedupeKey: 'review-reminder:c1:p9:2026-10-06' }]);
  });

  it('counts from the last reminder, and reminds daily once overdue', () => {
    const reminded = state({ lastRemindedAt: at('2026-10-06T07:00:00Z'), escalationLevel: 2 });
    expect(kinds(followUps(campaign, reminded, settings, 'Europe/Berlin', at('2026-10-08T07:00:00Z')))).toEqual([]);
    const late = state({ lastRemindedAt: at('2026-10-16T07:00:00Z'), escalationLevel: 2 });
    expect(kinds(followUps(campaign, late, settings, 'Europe/Berlin', at('2026-10-16T20:00:00Z')))).toEqual([]);
    const next = followUps(campaign, late, settings, 'Europe/Berlin', at('2026-10-17T07:00:00Z'));
    expect(next).toEqual([{ kind: 'reminder', overdue: true, dedupeKey: 'review-reminder:c1:p9:2026-10-17' }]);
  });

  it('escalates to the manager after N days, then to the compliance lead, each once', () => {
    const recent = state({ lastRemindedAt: at('2026-10-08T07:00:00Z') });
    expect(kinds(followUps(campaign, recent, settings, 'Europe/Berlin', at('2026-10-08T08:00:00Z')))).toEqual([
      'escalate:manager',
    ]);
    const told = state({ lastRemindedAt: at('2026-10-15T06:00:00Z'), escalationLevel: 1 });
    expect(kinds(followUps(campaign, told, settings, 'Europe/Berlin', at('2026-10-15T08:00:00Z')))).toEqual([
      'escalate:compliance-lead',
    ]);
  });

  it('owes nothing to a reviewer with no open items', () => {
    expect(followUps(campaign, state({ open: 0 }), settings, 'Europe/Berlin', at('2026-12-01T00:00:00Z'))).toEqual([]);
  });
});

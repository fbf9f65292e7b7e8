import path from 'node:path';
import { SourceProblems } from '../../../../src/connectors/read-source';
import { readSuppliers } from '../../../../src/connectors/suppliers';
import type { SupplierRecord } from '../../../../src/store/records';
import { addMonths, attentionFrom, supplierStatus } from '../../../../src/workflows/supplier-review/status';
import { collect } from '../../connectors/fixture-files';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const supplier = (over: Partial<SupplierRecord> = {}): SupplierRecord => ({
  _id: 'acme',
  workflow: 'w',
  name: 'Acme',
  service: 'Hosting',
  ownerId: 'p1',
  tier: 'high',
  dataShared: [],
  status: 'active',
  registerReviewedAt: d('2026-01-15'),
  documents: [],
  policy: { cadenceMonths: 12, dueWithinDays: 30, expiringWithinDays: 30 },
  controlIds: ['15.2.1'],
  lastReview: null,
  attentionFrom: null,
  updatedAt: d('2026-01-15'),
  ...over,
});

describe('addMonths', () => {
  it('adds calendar months in UTC and clamps to the last day of the month', () => {
    expect(addMonths(d('2026-01-31'), 1)).toEqual(d('2026-02-28'));
    expect(addMonths(d('2027-08-31'), 6)).toEqual(d('2028-02-29'));
    expect(addMonths(d('2026-11-15'), 12)).toEqual(d('2027-11-15'));
  });
});

describe('supplierStatus', () => {
  it('asks for a review dueWithinDays ahead and calls it overdue after the due date', () => {
    const s = supplier();
    expect(supplierStatus(s, d('2026-12-15'))).toMatchObject({ review: 'not-due', pending: false });
    expect(supplierStatus(s, d('2026-12-16'))).toMatchObject({
      review: 'due',
      pending: true,
      cycle: 'review-2027-01-15',
    });
    const late = supplierStatus(s, d('2027-01-16'));
    expect(late).toMatchObject({ review: 'overdue', concerns: ['Review overdue since 2027-01-15.'] });
  });

  it('counts a review answered in chat when it is newer than the register', () => {
    const review = {
      cycle: 'review-2027-01-15',
      decision: 'continue',
      notes: null,
      at: d('2027-01-20'),
      by: 'p1',
      byName: 'P',
      attestationId: 'a',
    };
    const s = supplier({ lastReview: review });
    expect(supplierStatus(s, d('2027-02-01'))).toMatchObject({ review: 'not-due', pending: false });
    expect(supplierStatus(s, d('2027-02-01')).dueOn).toEqual(d('2028-01-20'));
  });

  it('raises a document when it enters its window and again when it runs out, unless reviewed since', () => {
    const s = supplier({
      documents: [
        { type: 'iso27001', expires: d('2026-06-30'), periodEnd: null },
        { type: 'soc2-type2', expires: null, periodEnd: d('2025-12-31') },
      ],
    });
    expect(supplierStatus(s, d('2026-05-30'))).toMatchObject({ pending: false });
    const window = supplierStatus(s, d('2026-05-31'));
    expect(window).toMatchObject({ pending: true, cycle: 'iso27001-expiring-2026-06-30' });
    expect(window.concerns).toEqual(['ISO/IEC 27001 certificate runs out on 2026-06-30.']);
    const reviewedInWindow = supplier({ ...s, registerReviewedAt: d('2026-06-05') });
    expect(supplierStatus(reviewedInWindow, d('2026-06-20')).pending).toBe(false);
    expect(supplierStatus(reviewedInWindow, d('2026-06-30'))).toMatchObject({
      pending: true,
      cycle: 'iso27001-expired-2026-06-30',
    });
    // The SOC 2 report covers 2025 and counts until the end of 2026.
    expect(supplierStatus(reviewedInWindow, d('2026-12-01')).cycle).toBe('iso27001-expired-2026-06-30');
    expect(supplierStatus(supplier({ ...s, registerReviewedAt: d('2026-07-01') }), d('2026-12-02')).cycle).toBe(
      'soc2-type2-expiring-2026-12-31',
    );
  });

  it('never asks about an offboarded supplier', () => {
    const s = supplier({ status: 'offboarded' });
    expect(supplierStatus(s, d('2030-01-01'))).toMatchObject({ pending: false, concerns: [] });
    expect(attentionFrom(s)).toBeNull();
  });

  it('keeps attentionFrom consistent with pending at every moment (the digest relies on it)', () => {
    const s = supplier({
      registerReviewedAt: d('2026-03-10'),
      documents: [
        { type: 'iso27001', expires: d('2026-09-01'), periodEnd: null },
        { type: 'soc2-type2', expires: null, periodEnd: d('2026-01-31') },
      ],
    });
    const from = attentionFrom(s)?.getTime() ?? Number.POSITIVE_INFINITY;
    for (let t = d('2026-03-10').getTime(); t < d('2027-06-01').getTime(); t += 6 * 3_600_000) {
      expect([new Date(t).toISOString(), supplierStatus(s, new Date(t)).pending]).toEqual([
        new Date(t).toISOString(),
        t >= from,
      ]);
    }
  });
});

describe('the shipped supplier register', () => {
  it('reads cleanly and shows overdue, due and expiring suppliers on 2026-12-01', async () => {
    const problems = new SourceProblems();
    const rows = await collect(
      readSuppliers(path.resolve(__dirname, '../../../../data/samples/suppliers.csv'), problems),
    );
    expect(problems.first.map(String)).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(25);
    const cadence = { critical: 6, high: 12, medium: 24, low: 36 };
    const now = new Date('2026-12-01T08:00:00Z');
    const states = rows.map((r) => {
      const s = supplier({
        _id: r.id,
        tier: r.tier,
        status: r.status,
        registerReviewedAt: r.lastReview,
        documents: r.documents,
      });
      return [r.id, supplierStatus({ ...s, policy: { ...s.policy, cadenceMonths: cadence[r.tier] } }, now)] as const;
    });
    const pick = (f: (st: ReturnType<typeof supplierStatus>) => boolean) =>
      states.filter(([, st]) => f(st)).map(([id]) => id);
    expect(pick((st) => st.review === 'overdue' && st.pending)).toEqual([
      'okta',
      'datadog',
      'zendesk',
      'northwind-translations',
      'greenline-recycling',
    ]);
    expect(pick((st) => st.review === 'due')).toEqual(['slack', 'github', 'cloudflare', 'brightline-payroll']);
    expect(pick((st) => st.review === 'not-due' && st.pending)).toEqual(['atlassian', 'bamboohr', 'fjord-recruiting']);
  });
});

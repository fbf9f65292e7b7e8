import type { Store } from '../../../src/store/port';
import type { BackupCheckRecord, SupplierRecord } from '../../../src/store/records';
import { describeEachStore } from '../../support/stores';

const at = (s: string) => new Date(s);
const check = (runId: string, system: string, over: Partial<BackupCheckRecord> = {}): BackupCheckRecord => ({
  _id: `${runId}#${system}`,
  runId,
  workflow: 'daily-backup-check',
  system,
  name: system,
  ownerId: 'p1',
  ownerName: 'Pat',
  status: 'pass',
  reasons: [],
  failingSince: null,
  checkedAt: at('2026-11-23T06:00:00Z'),
  controlIds: ['12.3.1'],
  attestationId: 'att_1',
  acknowledgement: null,
  facts: { lastSuccess: '2026-11-23T02:00:00.000Z' },
  ...over,
});
const supplier = (id: string, over: Partial<SupplierRecord> = {}): SupplierRecord => ({
  _id: id,
  workflow: 'monthly-supplier-review',
  name: id.toUpperCase(),
  service: 'Hosting',
  ownerId: 'p1',
  tier: 'high',
  dataShared: ['customer data'],
  status: 'active',
  registerReviewedAt: at('2026-01-15T00:00:00Z'),
  documents: [{ type: 'iso27001', expires: at('2027-01-31T00:00:00Z'), periodEnd: null }],
  policy: { cadenceMonths: 12, dueWithinDays: 30, expiringWithinDays: 30 },
  controlIds: ['15.2.1'],
  lastReview: null,
  attentionFrom: at('2026-12-16T00:00:00Z'),
  updatedAt: at('2026-11-01T00:00:00Z'),
  ...over,
});

describeEachStore('backup and supplier repositories', (harness) => {
  let store: Store;
  beforeEach(async () => {
    store = await harness().open();
  });

  it('stores runs by id, moves the current run on, drops older results, and acknowledges failures', async () => {
    const failing = {
      status: 'fail' as const,
      reasons: [{ code: 'stale', text: 'old' }],
      failingSince: at('2026-11-22T06:00:00Z'),
    };
    await store.backupChecks.insertRun([check('r1', 'db'), check('r1', 'cache', failing)]);
    // A retried run writes again what an interrupted attempt wrote: nothing is duplicated.
    await store.backupChecks.insertRun([check('r1', 'db'), check('r1', 'cache', failing), check('r1', 'web')]);
    await store.backupChecks.insertRun([check('r2', 'db', failing)]);
    const { _id, runId, workflow, status, checkedAt, controlIds, attestationId, facts, ...failure } = check(
      'r2',
      'db',
      failing,
    );
    const run = {
      _id: 'daily-backup-check',
      runId: 'r2',
      checkedAt: at('2026-11-24T06:00:00Z'),
      controlIds: ['12.3.1'],
      owners: [{ ownerId: 'p1', pass: 0, fail: 1 }],
      failing: [failure],
    };
    await store.backupRuns.put(run);
    expect(await store.backupRuns.all()).toEqual([run]);
    expect(await store.backupChecks.dropOtherRuns('daily-backup-check', 'r2')).toBe(3);
    expect(await store.backupChecks.get('r1', 'db')).toBeNull();
    expect(await store.backupChecks.get('r2', 'db')).toMatchObject({
      status: 'fail',
      facts: { lastSuccess: '2026-11-23T02:00:00.000Z' },
    });
    const ack = {
      decision: 'explained' as const,
      comment: 'moving to a new job',
      by: 'p1',
      byName: 'Pat',
      at: at('2026-11-23T09:00:00Z'),
      attestationId: 'att_9',
    };
    expect(await store.backupChecks.acknowledge('r2', 'db', at('2026-11-21T06:00:00Z'), ack)).toBe(false);
    expect(await store.backupChecks.acknowledge('r2', 'db', at('2026-11-22T06:00:00Z'), ack)).toBe(true);
    expect((await store.backupChecks.get('r2', 'db'))?.acknowledgement).toEqual(ack);
    await store.backupAcks.put({ _id: 'db', ...ack, failingSince: at('2026-11-22T06:00:00Z'), reasons: ['stale'] });
    await store.backupAcks.put({ _id: 'web', ...ack, failingSince: at('2026-11-22T06:00:00Z'), reasons: ['missing'] });
    expect(await store.backupAcks.drop(['web', 'none'])).toBe(1);
    expect((await store.backupAcks.all()).map((a) => [a._id, a.reasons])).toEqual([['db', ['stale']]]);
  });

  it('keeps the newest restore test per system', async () => {
    const test = {
      _id: 'db',
      testedAt: at('2026-11-20T00:00:00Z'),
      result: 'success' as const,
      restored: 'db',
      restoreMinutes: 42,
      by: 'p1',
      byName: 'Pat',
      at: at('2026-11-23T09:00:00Z'),
      attestationId: 'att_1',
    };
    expect(await store.restoreTests.record(test)).toBe(true);
    expect(
      await store.restoreTests.record({ ...test, testedAt: at('2026-10-01T00:00:00Z'), attestationId: 'att_0' }),
    ).toBe(false);
    expect(await store.restoreTests.record({ ...test, result: 'failed', attestationId: 'att_2' })).toBe(true);
    expect(await store.restoreTests.get('db')).toMatchObject({ result: 'failed', attestationId: 'att_2' });
    expect(await store.restoreTests.all()).toHaveLength(1);
  });

  it('syncs the register keeping review state, finds who needs attention, and notes reviews', async () => {
    // What the workflow passes recomputes attentionFrom; keeping the stored one stands in for that here.
    const merge = (fresh: SupplierRecord, stored: SupplierRecord) =>
      stored.lastReview ? { ...fresh, lastReview: stored.lastReview, attentionFrom: stored.attentionFrom } : fresh;
    const horizon = at('2027-02-01T00:00:00Z');
    const sync = (list: SupplierRecord[]) => store.suppliers.sync('monthly-supplier-review', list, merge, horizon);
    expect(await sync([supplier('aws'), supplier('okta'), supplier('gone')])).toEqual({
      added: 3,
      changed: 0,
      removed: 0,
      watched: 3,
    });
    const review = {
      cycle: 'review-2027-01-15',
      decision: 'continue',
      notes: null,
      at: at('2026-12-20T10:00:00Z'),
      by: 'p1',
      byName: 'Pat',
      attestationId: 'att_5',
    };
    const aws = await store.suppliers.get('aws');
    await store.suppliers.noteReview({
      ...supplier('aws'),
      ...aws,
      lastReview: review,
      attentionFrom: at('2027-12-20T00:00:00Z'),
    });
    // aws's next attention, after its review, lies beyond the horizon: it leaves the watch list.
    expect(await sync([supplier('aws'), supplier('okta', { tier: 'critical' })])).toEqual({
      added: 0,
      changed: 1,
      removed: 1,
      watched: 1,
    });
    expect((await store.suppliers.get('aws'))?.lastReview).toEqual(review);
    expect(await store.suppliers.get('gone')).toMatchObject({ status: 'offboarded', attentionFrom: null });
    const ids = async (now: string) => (await store.suppliers.needingAttention(at(now))).map((s) => s._id);
    expect(await ids('2026-12-15T00:00:00Z')).toEqual([]);
    expect(await ids('2026-12-16T00:00:00Z')).toEqual(['okta']);
    // The watch list holds whole suppliers, dates included, just as the register collection does.
    const [watched] = await store.suppliers.needingAttention(at('2026-12-16T00:00:00Z'));
    expect(watched).toEqual(await store.suppliers.get('okta'));
    expect(watched?.documents[0]?.expires).toBeInstanceOf(Date);
    expect((await store.suppliers.list({ workflow: 'monthly-supplier-review' })).map((s) => s._id)).toEqual([
      'aws',
      'gone',
      'okta',
    ]);
  });
});

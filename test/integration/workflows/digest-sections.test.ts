import { backupDigestSection } from '../../../src/workflows/backup-check/digest-section';
import { supplierDigestSection } from '../../../src/workflows/supplier-review/digest-section';
import { mergeReviewState } from '../../../src/workflows/supplier-review/register';
import { acks, backupRun, counting, DAY, NOW, SUPPLIERS, SYSTEMS, suppliers } from '../../support/digest-scale';
import { linesOf } from '../../support/follow-ups';
import { describeEachStore } from '../../support/stores';

describeEachStore('digest sections at scale', (harness) => {
  it('computes the backup and supplier sections over 5,000 systems and 2,000 suppliers with three queries', async () => {
    const store = await harness().open();
    const latest = backupRun();
    await store.backupRuns.put(latest);
    await Promise.all(acks(latest.failing).map((a) => store.backupAcks.put(a)));
    const synced = await store.suppliers.sync(
      'monthly-supplier-review',
      suppliers(),
      mergeReviewState,
      new Date(NOW.getTime() + 62 * DAY),
    );
    expect(synced).toMatchObject({ added: SUPPLIERS, watched: expect.any(Number) });
    const { store: counted, calls } = counting(store);
    const started = performance.now();
    const [backups, supplierSection] = await Promise.all([
      backupDigestSection(counted, { now: NOW, since: new Date(NOW.getTime() - 7 * DAY) }),
      supplierDigestSection(counted, { now: NOW, since: new Date(NOW.getTime() - 7 * DAY) }),
    ]);
    const ms = performance.now() - started;
    console.info(
      `digest sections (${harness().kind}): ${Math.round(ms)} ms, ${calls.length} queries (${calls.join(', ')}); ` +
        `${latest.failing.length} of ${SYSTEMS} systems failing, ${synced.watched} of ${SUPPLIERS} suppliers watched, ` +
        `${supplierSection?.attention} needing attention`,
    );
    expect(calls.sort()).toEqual(['backupAcks.all', 'backupRuns.all', 'suppliers.needingAttention']);
    expect(backups).toMatchObject({
      attention: 500,
      headline: '500 system(s) failing the latest backup check, 450 not acknowledged.',
    });
    const lines = linesOf(backups?.blocks);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/not acknowledged/);
    expect(lines[10]).toBe('… and 490 more');
    expect(supplierSection?.attention).toBeGreaterThan(100);
    expect(supplierSection?.headline).toMatch(
      /^\d+ supplier review\(s\) overdue, \d+ due, \d+ supplier\(s\) with certificates/,
    );
  });
});

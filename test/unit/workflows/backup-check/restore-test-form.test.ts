import { parseMinutes, parseRestoreTest } from '../../../../src/workflows/backup-check/restore-test-form';

const NOW = new Date('2026-11-23T09:00:00Z');

describe('parseMinutes', () => {
  it.each([
    ['45', 45],
    ['45 min', 45],
    ['45m', 45],
    ['1h 30m', 90],
    ['1h30', 90],
    ['1 hour and 15 minutes', 75],
    ['1.5 hours', 90],
    ['2,5h', 150],
    ['1:05', 65],
  ])('reads %s as %d minutes', (text, minutes) => {
    expect(parseMinutes(text)).toBe(minutes);
  });

  it.each(['', 'soon', '45 parsecs', 'about 10 min', '1:75'])('refuses %j', (text) => {
    expect(parseMinutes(text)).toBeNull();
  });
});

describe('parseRestoreTest', () => {
  const fields = {
    date: '2026-11-20',
    restored: 'billing DB into a scratch RDS',
    duration: '42 min',
    result: 'Success',
  };

  it('reads a complete form', () => {
    expect(parseRestoreTest({ ...fields, notes: ' row counts matched ' }, NOW)).toEqual({
      testedAt: new Date('2026-11-20T00:00:00Z'),
      restored: 'billing DB into a scratch RDS',
      restoreMinutes: 42,
      result: 'success',
      notes: 'row counts matched',
    });
    expect(parseRestoreTest({ ...fields, result: 'partly' }, NOW).result).toBe('partial');
    expect(parseRestoreTest({ ...fields, date: '2026-11-23' }, NOW).testedAt.toISOString()).toMatch(/^2026-11-23/);
  });

  it('names every problem at once', () => {
    let err: unknown;
    try {
      parseRestoreTest({ date: '2026-02-30', restored: ' ', duration: 'a while', result: 'meh' }, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect((err as { details: string[] }).details).toEqual([
      'the date as YYYY-MM-DD, e.g. 2026-11-20',
      'what was restored',
      'the restore time, e.g. 45 min or 1h 30m',
      'the result: success, partial or failed',
    ]);
    expect(() => parseRestoreTest({ ...fields, date: '2026-11-24' }, NOW)).toThrow(/not in the future/);
  });
});

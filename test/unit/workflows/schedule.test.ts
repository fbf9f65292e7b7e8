import { addWorkingDays, latestSlot, localIso, missedSlot, nextRuns, slotKey } from '../../../src/workflows/schedule';

const iso = (dates: (Date | null)[]) => dates.map((d) => d?.toISOString() ?? null);
const weekly = { name: 'weekly-digest', schedule: '0 9 * * 1', timezone: 'Europe/Berlin' };
const quarterly = { name: 'quarterly-access-review', schedule: '0 9 1 1,4,7,10 *', timezone: 'Europe/Berlin' };

describe('workflow schedules', () => {
  it('gives the next runs at 09:00 Berlin time on both sides of the change to summer time', () => {
    // Clocks in Berlin go forward on Sunday 2026-03-29: 09:00 is 08:00Z before and 07:00Z after.
    const runs = nextRuns(weekly, new Date('2026-03-20T12:00:00Z'), 3);
    expect(iso(runs)).toEqual(['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z']);
    expect(runs.map((d) => localIso(d, 'Europe/Berlin'))).toEqual([
      '2026-03-23T09:00:00+01:00',
      '2026-03-30T09:00:00+02:00',
      '2026-04-06T09:00:00+02:00',
    ]);
    expect(iso(nextRuns(quarterly, new Date('2026-11-23T00:00:00Z'), 2))).toEqual([
      '2027-01-01T08:00:00.000Z',
      '2027-04-01T07:00:00.000Z',
    ]);
  });

  it('counts next runs strictly after now', () => {
    expect(iso(nextRuns(weekly, new Date('2026-03-23T08:00:00Z'), 1))).toEqual(['2026-03-30T07:00:00.000Z']);
  });

  it('finds the latest slot at or before now', () => {
    expect(iso([latestSlot(weekly, new Date('2026-03-30T07:00:00.000Z'))])).toEqual(['2026-03-30T07:00:00.000Z']);
    expect(iso([latestSlot(weekly, new Date('2026-03-30T06:59:59.999Z'))])).toEqual(['2026-03-23T08:00:00.000Z']);
    expect(iso([latestSlot(quarterly, new Date('2026-11-23T10:00:00Z'))])).toEqual(['2026-10-01T07:00:00.000Z']);
  });

  it('catches up one slot, the latest, after a long downtime', () => {
    const lastRan = new Date('2026-01-05T08:00:00Z');
    const now = new Date('2026-03-31T12:00:00Z'); // twelve Mondays missed
    expect(iso([missedSlot(weekly, lastRan, now)])).toEqual(['2026-03-30T07:00:00.000Z']);
    expect(missedSlot(weekly, new Date('2026-03-30T07:00:00Z'), now)).toBeNull();
    expect(iso([missedSlot(weekly, null, now)])).toEqual(['2026-03-30T07:00:00.000Z']);
  });

  it('keys a run by workflow and slot', () => {
    expect(slotKey(weekly, new Date('2026-03-30T07:00:00Z'))).toBe('weekly-digest@2026-03-30T07:00:00.000Z');
  });

  it('adds working days over a weekend, keeping the local time of day', () => {
    const friday = new Date('2026-03-27T08:00:00Z'); // Friday 09:00 in Berlin, winter time
    expect(localIso(addWorkingDays(friday, 1, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-30T09:00:00+02:00');
    expect(localIso(addWorkingDays(friday, 3, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-04-01T09:00:00+02:00');
    expect(addWorkingDays(friday, 0, 'Europe/Berlin')).toEqual(friday);
    const saturday = new Date('2026-03-28T10:00:00Z');
    expect(localIso(addWorkingDays(saturday, 1, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-30T11:00:00+02:00');
    // Friday 20:00 in New York is already Saturday in UTC: the weekday is the one in the time zone.
    const nyFriday = new Date('2026-06-06T00:00:00Z');
    expect(localIso(addWorkingDays(nyFriday, 1, 'America/New_York'), 'America/New_York')).toBe(
      '2026-06-08T20:00:00-04:00',
    );
    expect(() => addWorkingDays(friday, -1, 'UTC')).toThrow(RangeError);
  });
});

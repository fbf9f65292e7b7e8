import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';

/**
 * Schedule maths for workflow definitions: pure functions of `now`. node-cron only wakes the engine
 * up; which slot is due, which one was missed and when a reminder falls are decided here.
 */
export interface Scheduled {
  schedule: string;
  timezone: string;
}

const expression = (def: Scheduled, currentDate: Date) =>
  CronExpressionParser.parse(def.schedule, { currentDate, tz: def.timezone });

/** The next `n` slots strictly after `now`. */
export function nextRuns(def: Scheduled, now: Date, n: number): Date[] {
  const it = expression(def, now);
  return Array.from({ length: n }, () => it.next().toDate());
}

/** The most recent slot at or before `now`, or null if the schedule has none. */
export function latestSlot(def: Scheduled, now: Date): Date | null {
  const it = expression(def, new Date(now.getTime() + 1));
  return it.hasPrev() ? it.prev().toDate() : null;
}

/**
 * The one slot to catch up after downtime: the latest slot if it is after `lastSlot` (the last slot
 * that ran), else null. Several missed slots still give one run, for the latest of them. With no
 * `lastSlot` (never ran) the latest slot is owed; pass the time the workflow was enabled to avoid that.
 */
export function missedSlot(def: Scheduled, lastSlot: Date | null, now: Date): Date | null {
  const latest = latestSlot(def, now);
  return latest && (!lastSlot || latest.getTime() > lastSlot.getTime()) ? latest : null;
}

/** The idempotency key of one run: one slot of one workflow runs once, on one replica. */
export const slotKey = (def: { name: string }, slot: Date): string => `${def.name}@${slot.toISOString()}`;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

function wallClock(date: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, Number(p.value)]),
  );
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return { year, month, day, hour, minute, second, ms: date.getUTCMilliseconds() };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
const offsetMs = (t: number, timeZone: string) => asUtc(wallClock(new Date(t), timeZone)) - t;

/** The instant at which clocks in `timeZone` show `w` (the later reading in a DST gap). */
function fromWallClock(w: WallClock, timeZone: string): Date {
  const guess = asUtc(w);
  const first = guess - offsetMs(guess, timeZone);
  const second = guess - offsetMs(first, timeZone);
  return new Date(second);
}

/**
 * `date` moved forward by `n` working days (Monday to Friday in `timeZone`), keeping its local
 * time of day across DST changes. From a weekend, one working day is the next Monday.
 */
export function addWorkingDays(date: Date, n: number, timeZone: string): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
  let w = wallClock(date, timeZone);
  for (let added = 0; added < n; ) {
    const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
    w = { ...w, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    const weekday = next.getUTCDay();
    if (weekday !== 0 && weekday !== 6) added++;
  }
  return n === 0 ? new Date(date) : fromWallClock(w, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `date` as ISO 8601 local time in `timeZone` with its offset, e.g. 2027-01-01T09:00:00+01:00. */
export function localIso(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  const offset = Math.round(offsetMs(date.getTime(), timeZone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

let zones: Set<string> | undefined;

/** Why `timeZone` is not an IANA time zone name, or null when it is one. */
export function timeZoneProblem(timeZone: string): string | null {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin, America/New_York or UTC`;
  }
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (timeZone === 'UTC' || zones.has(timeZone) || resolved === timeZone) return null;
  return `time zone "${timeZone}" is not written as an IANA name: use ${resolved}`;
}

const restricts = (field: string | undefined) => field !== undefined && field !== '*' && field !== '?';

/** Why `expr` is not a usable schedule, or null when node-cron and the slot maths both accept it. */
export function scheduleProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6)
    return `"${expr}" has ${fields.length} field(s): use 5 (minute hour day-of-month month day-of-week, e.g. "0 9 * * 1") or 6 (seconds first)`;
  const check = cron.validateDetailed(expr);
  if (!check.valid) return `"${expr}" is not a valid cron expression: ${check.errors.map((e) => e.message).join('; ')}`;
  const [dom, dow] = [fields.at(-3), fields.at(-1)];
  if (restricts(dom) && restricts(dow))
    return `"${expr}" restricts both day-of-month (${dom}) and day-of-week (${dow}); cron tools disagree on whether both or either must match, so restrict only one`;
  try {
    CronExpressionParser.parse(expr, { tz: 'UTC' }).next();
  } catch (err) {
    return `"${expr}" is beyond what the slot calculation understands (${(err as Error).message}): use plain cron syntax`;
  }
  return null;
}

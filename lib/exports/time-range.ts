/**
 * The time rules of an export, shared by the form (as the user types) and the route (before any upstream call).
 *
 * CDN takes UTC instants, but people think in whole days of one business time zone (REPORT_TIME_ZONE). A range of
 * days becomes [first day 00:00:00, last day 23:59:59] in that zone, expressed in UTC: the shape CDN's own examples
 * use (`2019-12-29T16:00:00Z` to `2019-12-30T15:59:59Z` for one Beijing day). Nothing here uses the runtime's own zone.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, parseISO, subYears } from 'date-fns';
import { boundedCache } from './bounded-cache';

/** CDN refuses ranges longer than "one month"; its error text says 31 days. */
export const MAX_RANGE_DAYS = 31;
export const MAX_RANGE_MS = MAX_RANGE_DAYS * 24 * 60 * 60 * 1000;
/** How long CDN keeps tasks, as the page tells its users. */
export const TASK_RETENTION_MONTHS = 3;

/** `yyyy-MM-dd`, a calendar day with no zone attached. */
export type PlainDate = string;
export interface DayRange {
  from: PlainDate;
  to: PlainDate;
}
export interface UtcRange {
  startTime: string;
  endTime: string;
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * `yyyy-MM-dd` of a date's own calendar fields (a TZDate's are its zone's). Not date-fns's `format`: that brings its
 * whole pattern language and locale into the browser for one fixed pattern.
 */
export function plainDateOf(d: Date): PlainDate {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

export function isPlainDate(value: string): boolean {
  if (!PLAIN_DATE.test(value)) return false;
  const d = parseISO(value);
  return !Number.isNaN(d.getTime()) && plainDateOf(d) === value;
}

/** True for `yyyy-MM-ddTHH:mm:ssZ` naming a real instant (no Feb 30th, no hour 24). */
export function isIsoUtcSeconds(value: string): boolean {
  if (!ISO_UTC_SECONDS.test(value)) return false;
  const d = new Date(value);
  return !Number.isNaN(d.getTime()) && toIsoUtcSeconds(d) === value;
}

export function toIsoUtcSeconds(date: Date | number): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function zoned(day: PlainDate, timeZone: string, h: number, m: number, s: number): TZDate {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, mo - 1, d, h, m, s, timeZone);
}

/** The UTC instants CDN wants for a range of whole days in `timeZone`. */
export function dayRangeToUtc(range: DayRange, timeZone: string): UtcRange {
  return {
    startTime: toIsoUtcSeconds(zoned(range.from, timeZone, 0, 0, 0).getTime()),
    endTime: toIsoUtcSeconds(zoned(range.to, timeZone, 23, 59, 59).getTime()),
  };
}

/** One formatter per zone: building an Intl.DateTimeFormat is the costly part, and lists ask for many days. */
const dayFormats = boundedCache<Intl.DateTimeFormat>(16);
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  return dayFormats(timeZone, () => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
}

/** Lists name the same few periods poll after poll: their days are kept instead of formatted again. */
const knownDays = boundedCache<PlainDate>(2000);

/** The calendar day an instant falls on in `timeZone`. */
export function dayOf(instant: Date | number | string, timeZone: string): PlainDate {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid time value');
  return knownDays(`${timeZone}|${ms}`, () => formatDay(ms, timeZone));
}

function formatDay(ms: number, timeZone: string): PlainDate {
  let year = '';
  let month = '';
  let day = '';
  for (const part of dayFormat(timeZone).formatToParts(ms)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/** Back from a task's UTC range to the days it covers, for "run again" (the end is inclusive). */
export function utcToDayRange(range: UtcRange, timeZone: string): DayRange {
  return { from: dayOf(range.startTime, timeZone), to: dayOf(range.endTime, timeZone) };
}

/** The last instant of today in `timeZone`: no export may end later. */
export function endOfTodayUtc(now: Date | number, timeZone: string): string {
  return dayRangeToUtc({ from: dayOf(now, timeZone), to: dayOf(now, timeZone) }, timeZone).endTime;
}

/** The earliest start CDN accepts: data is kept for one year. */
export function earliestStartUtc(now: Date | number): Date {
  return subYears(new Date(now), 1);
}

export function dayCount(range: DayRange): number {
  return differenceInCalendarDays(parseISO(range.to), parseISO(range.from)) + 1;
}

export type TimeRuleViolation = { field: 'startTime' | 'endTime'; message: string };

/**
 * Checks a UTC range against CDN's rules and ours. The messages say how to fix the problem, since the form shows
 * them as the user types.
 */
export function checkUtcRange(range: UtcRange, now: Date | number, timeZone: string): TimeRuleViolation[] {
  const problems: TimeRuleViolation[] = [];
  const start = new Date(range.startTime).getTime();
  const end = new Date(range.endTime).getTime();
  if (end <= start) {
    problems.push({ field: 'endTime', message: 'The end must be after the start. Pick a later end date.' });
  } else if (end - start > MAX_RANGE_MS) {
    problems.push({
      field: 'endTime',
      message: `A task covers at most ${MAX_RANGE_DAYS} days. Shorten the range, or split it into monthly tasks.`,
    });
  }
  if (start < earliestStartUtc(now).getTime()) {
    problems.push({
      field: 'startTime',
      message: 'CDN keeps usage data for one year. Pick a start date within the last year.',
    });
  }
  if (end > new Date(endOfTodayUtc(now, timeZone)).getTime()) {
    problems.push({ field: 'endTime', message: 'The range cannot end in the future. Pick today or an earlier day.' });
  }
  return problems;
}

export type PresetId = 'yesterday' | 'last7' | 'lastMonth' | 'monthToDate';
export const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'last7', label: 'Last 7 days' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'monthToDate', label: 'Month to date' },
];

/**
 * The day ranges behind the preset buttons. "Last 7 days" is the seven complete days before today, so that it holds
 * no partial day; "Month to date" does include today.
 */
export function presetRange(id: PresetId, now: Date | number, timeZone: string): DayRange {
  const today = parseISO(dayOf(now, timeZone));
  const day = plainDateOf;
  switch (id) {
    case 'yesterday':
      return { from: day(addDays(today, -1)), to: day(addDays(today, -1)) };
    case 'last7':
      return { from: day(addDays(today, -7)), to: day(addDays(today, -1)) };
    case 'lastMonth': {
      const firstOfThis = new Date(today.getFullYear(), today.getMonth(), 1);
      return { from: day(addMonths(firstOfThis, -1)), to: day(addDays(firstOfThis, -1)) };
    }
    case 'monthToDate':
      return { from: day(new Date(today.getFullYear(), today.getMonth(), 1)), to: day(today) };
  }
}

/** Splits a range of days into consecutive calendar-month pieces, each within CDN's limit. */
export function splitByMonth(range: DayRange): DayRange[] {
  const pieces: DayRange[] = [];
  let from = parseISO(range.from);
  const last = parseISO(range.to);
  while (from <= last) {
    const endOfMonth = addDays(new Date(from.getFullYear(), from.getMonth() + 1, 1), -1);
    const to = endOfMonth < last ? endOfMonth : last;
    pieces.push({ from: plainDateOf(from), to: plainDateOf(to) });
    from = addDays(to, 1);
  }
  return pieces;
}

/** A readable period: "2026-10-01 – 2026-10-31", or one day alone. */
export function formatDayRange(range: DayRange): string {
  return range.from === range.to ? range.from : `${range.from} – ${range.to}`;
}

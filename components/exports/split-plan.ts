/**
 * A range of days too long for one task, as the consecutive tasks it can be created as instead (the form's split
 * offer): calendar months, a month itself too long in halves, and the names of the pieces.
 */
import { addDays, parseISO } from 'date-fns';
import { NAME_MAX } from '@/lib/exports/kinds-and-limits';
import type { TimeContext } from '@/lib/exports/schemas';
import { checkUtcRange, dayCount, dayRangeToUtc, plainDateOf, splitByMonth, type DayRange, type PlainDate } from '@/lib/exports/time-range';

export function nextDay(day: PlainDate, delta = 1): PlainDate {
  return plainDateOf(addDays(parseISO(day), delta));
}

/** Two consecutive halves of a range of days (the first the longer when the count is odd). */
function halves(range: DayRange): DayRange[] {
  const mid = nextDay(range.from, Math.ceil(dayCount(range) / 2) - 1);
  return [
    { from: range.from, to: mid },
    { from: nextDay(mid), to: range.to },
  ];
}

/**
 * The consecutive tasks a range refused only for its length can be created as: its calendar months, and a month
 * that is itself too long in halves. CDN counts 31 days as 31 × 24 hours, so in a zone with daylight saving a 31-day
 * month holding the autumn change (October in Europe) is an hour too long, and without this "Last month" would be
 * refused with nothing offered in its place.
 */
export function splitPlan(days: DayRange, ctx: TimeContext): DayRange[] | null {
  if (days.from > days.to) return null;
  const valid = (piece: DayRange) =>
    checkUtcRange(dayRangeToUtc(piece, ctx.timeZone), ctx.now, ctx.timeZone).length === 0;
  const pieces = splitByMonth(days).flatMap((piece) => (valid(piece) ? [piece] : halves(piece)));
  return pieces.length > 1 && pieces.every(valid) ? pieces : null;
}

/** A user-given name carries a "(2/3)" suffix per piece; without one each piece is named after its own period. */
export function pieceName(baseName: string, index: number, count: number): string | undefined {
  const base = baseName.trim();
  if (!base) return undefined;
  const suffix = ` (${index + 1}/${count})`;
  return `${base.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
}

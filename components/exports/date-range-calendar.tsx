'use client';
/**
 * The range calendar of DateRangeField, in a module of its own: it brings react-day-picker, its stylesheet and the
 * popover, which the page does not need until someone opens the calendar (date-range-field.tsx loads it then).
 */
import * as Popover from '@radix-ui/react-popover';
import { TZDate } from '@date-fns/tz';
import type { RefObject } from 'react';
import { DayPicker, type DateRange } from 'react-day-picker';
import 'react-day-picker/style.css';
import { dayOf, type DayRange } from '@/lib/exports/time-range';

export interface DateRangeCalendarProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the calendar: the popover is placed against it and gives focus back to it. */
  anchorRef: RefObject<HTMLButtonElement | null>;
  /** The days the form names, when both ends are real dates. */
  days: DayRange | null;
  onChange: (range: { from: string; to: string }) => void;
  timeZone: string;
  minDay: string;
  maxDay: string;
  footer: string;
}

/** Midnight of a plain day in the report zone, the kind of Date DayPicker uses once it has a `timeZone`. */
function zonedDay(day: string, timeZone: string): TZDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timeZone);
}

export function DateRangeCalendar({ open, onOpenChange, anchorRef, days, onChange, timeZone, minDay, maxDay, footer }: DateRangeCalendarProps) {
  const selected: DateRange | undefined = days
    ? { from: zonedDay(days.from, timeZone), to: zonedDay(days.to, timeZone) }
    : undefined;
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Anchor virtualRef={anchorRef} />
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          // The opening button is ours, not a Popover.Trigger: a press on it toggles the calendar itself, and
          // closing goes back to it.
          onInteractOutside={(event) => {
            if (event.target instanceof Node && anchorRef.current?.contains(event.target)) event.preventDefault();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            anchorRef.current?.focus();
          }}
          className="z-50 rounded-lg border border-zinc-200 bg-white p-3 shadow-lg focus:outline-none dark:border-zinc-800 dark:bg-zinc-900"
        >
          <DayPicker
            mode="range"
            timeZone={timeZone}
            noonSafe
            selected={selected}
            defaultMonth={selected?.to ?? zonedDay(maxDay, timeZone)}
            today={zonedDay(maxDay, timeZone)}
            startMonth={zonedDay(minDay, timeZone)}
            endMonth={zonedDay(maxDay, timeZone)}
            disabled={[{ before: zonedDay(minDay, timeZone) }, { after: zonedDay(maxDay, timeZone) }]}
            weekStartsOn={1}
            showOutsideDays
            onSelect={(range) => {
              if (!range?.from) return;
              const first = dayOf(range.from, timeZone);
              onChange({ from: first, to: range.to ? dayOf(range.to, timeZone) : first });
            }}
            footer={<p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{footer}</p>}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

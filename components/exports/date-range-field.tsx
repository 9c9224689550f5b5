'use client';

import dynamic from 'next/dynamic';
import { useId, useRef, useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/field';
import { CalendarIcon } from '@/components/ui/icons';
import {
  dayCount,
  MAX_RANGE_DAYS,
  PRESETS,
  presetRange,
  type DayRange,
  type PresetId,
} from '@/lib/exports/time-range';
import { formDays } from './export-form-model';

interface DateRangeFieldProps {
  from: string;
  to: string;
  /** Only what changed: a stale copy of the other end must never overwrite a newer one. */
  onChange: (range: { from?: string; to?: string }) => void;
  timeZone: string;
  now: number;
  /** `yyyy-MM-dd`: the first and last days that can be picked. */
  minDay: string;
  maxDay: string;
  fromError?: string;
  toError?: string;
  fromInputRef?: React.Ref<HTMLInputElement>;
  toInputRef?: React.Ref<HTMLInputElement>;
}

const loadCalendar = () => import('./date-range-calendar');
/** The calendar and its libraries load when first wanted (see date-range-calendar.tsx), not with the page. */
const DateRangeCalendar = dynamic(() => loadCalendar().then((m) => m.DateRangeCalendar), { ssr: false });

function samePreset(range: DayRange | null, id: PresetId, now: number, timeZone: string): boolean {
  if (!range) return false;
  const preset = presetRange(id, now, timeZone);
  return preset.from === range.from && preset.to === range.to;
}

interface DayInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (day: string) => void;
  minDay: string;
  maxDay: string;
  describedBy: (string | undefined)[];
  invalid: boolean;
  inputRef?: React.Ref<HTMLInputElement>;
}

/** One end of the period: a native date input, which types and steps a day with the keyboard in every browser. */
function DayInput({ id, label, value, onChange, minDay, maxDay, describedBy, invalid, inputRef }: DayInputProps) {
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-xs text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        type="date"
        value={value}
        min={minDay}
        max={maxDay}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy.filter(Boolean).join(' ')}
        className={inputClasses('tabular-nums')}
      />
    </div>
  );
}

/**
 * The period of an export as whole days in the report time zone: preset buttons, two keyboard-friendly date inputs,
 * and a range calendar in a popover. The calendar runs in the report zone too, so "today" and the disabled days are
 * the zone's, whatever the browser's own zone is.
 */
export function DateRangeField({
  from,
  to,
  onChange,
  timeZone,
  now,
  minDay,
  maxDay,
  fromError,
  toError,
  fromInputRef,
  toInputRef,
}: DateRangeFieldProps) {
  const id = useId();
  const days = formDays({ from, to });
  const ordered = days && days.from <= days.to ? days : null;
  const count = ordered ? dayCount(ordered) : null;
  const calendarButton = useRef<HTMLButtonElement>(null);
  const [calendarOpen, setCalendarOpen] = useState(false);
  // Mounted from the first open on, so that it can close (and give focus back) like any popover.
  const [calendarWanted, setCalendarWanted] = useState(false);

  const fromErrorId = fromError ? `${id}-from-error` : undefined;
  const toErrorId = toError ? `${id}-to-error` : undefined;
  const hintId = `${id}-hint`;

  return (
    <fieldset className="min-w-0">
      <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        Period <span className="font-normal text-zinc-500 dark:text-zinc-400">· days in {timeZone}</span>
      </legend>

      <div className="mt-1.5 flex flex-wrap gap-1.5" role="group" aria-label="Presets">
        {PRESETS.map((preset) => {
          const active = samePreset(days, preset.id, now, timeZone);
          return (
            <button
              key={preset.id}
              type="button"
              aria-pressed={active}
              onClick={() => onChange(presetRange(preset.id, now, timeZone))}
              className={buttonClasses(active ? 'selected' : 'secondary', 'sm')}
            >
              {preset.label}
            </button>
          );
        })}
      </div>

      <div className="mt-2.5 flex items-end gap-2">
        <DayInput
          id={`${id}-from`}
          label="From"
          value={from}
          onChange={(day) => onChange({ from: day })}
          minDay={minDay}
          maxDay={maxDay}
          describedBy={[fromErrorId, hintId]}
          invalid={!!fromError}
          inputRef={fromInputRef}
        />
        <DayInput
          id={`${id}-to`}
          label="To (inclusive)"
          value={to}
          onChange={(day) => onChange({ to: day })}
          minDay={minDay}
          maxDay={maxDay}
          describedBy={[toErrorId, hintId]}
          invalid={!!toError}
          inputRef={toInputRef}
        />
        <button
          ref={calendarButton}
          type="button"
          className={buttonClasses('secondary', 'icon')}
          aria-label="Pick the period on a calendar"
          aria-haspopup="dialog"
          aria-expanded={calendarOpen}
          // Fetch the calendar's code as soon as a press looks likely, so that it opens at once.
          onPointerEnter={() => void loadCalendar()}
          onFocus={() => void loadCalendar()}
          onClick={() => {
            setCalendarWanted(true);
            setCalendarOpen((open) => !open);
          }}
        >
          <CalendarIcon />
        </button>
        {calendarWanted ? (
          <DateRangeCalendar
            open={calendarOpen}
            onOpenChange={setCalendarOpen}
            anchorRef={calendarButton}
            days={days}
            onChange={onChange}
            timeZone={timeZone}
            minDay={minDay}
            maxDay={maxDay}
            footer={ordered ? `${count} ${count === 1 ? 'day' : 'days'} selected.` : 'Pick the first and last day.'}
          />
        ) : null}
      </div>

      <p id={hintId} className="mt-1.5 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        {count !== null ? `${count} ${count === 1 ? 'day' : 'days'}` : '—'} · at most {MAX_RANGE_DAYS} days per task, within
        the last year
      </p>
      <div aria-live="polite" className="min-h-4">
        {fromError ? (
          <p id={fromErrorId} className="mt-1 text-xs text-red-700 dark:text-red-400">
            <span className="font-medium">From:</span> {fromError}
          </p>
        ) : null}
        {toError ? (
          <p id={toErrorId} className="mt-1 text-xs text-red-700 dark:text-red-400">
            <span className="font-medium">To:</span> {toError}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

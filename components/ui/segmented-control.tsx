'use client';

import { clsx } from 'clsx';
import { useId } from 'react';

interface Option<T extends string> {
  value: T;
  label: string;
}

interface SegmentedControlProps<T extends string> {
  legend: string;
  name: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  className?: string;
}

/**
 * A short choice as native radio buttons (arrow keys move between them, the legend names the group) dressed as a
 * segmented control.
 */
export function SegmentedControl<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  className,
}: SegmentedControlProps<T>) {
  const id = useId();
  return (
    <fieldset className={clsx('min-w-0', className)}>
      <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">{legend}</legend>
      <div className="inline-flex max-w-full rounded-md border border-zinc-300 bg-zinc-100 p-0.5 dark:border-zinc-700 dark:bg-zinc-800/60">
        {options.map((option) => (
          <label
            key={option.value}
            htmlFor={`${id}-${option.value}`}
            className={clsx(
              'flex h-7 cursor-pointer items-center rounded px-2.5 text-xs font-medium whitespace-nowrap text-zinc-600 select-none',
              'hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
              'has-checked:bg-white has-checked:text-zinc-900 has-checked:shadow-sm dark:has-checked:bg-zinc-950 dark:has-checked:text-zinc-50',
              'has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-blue-600 dark:has-focus-visible:outline-blue-400',
            )}
          >
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name={`${name}-${id}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

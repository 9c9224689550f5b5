import { clsx } from 'clsx';
import { useId, type ReactNode } from 'react';

/** What a control needs to be tied to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** Lets a caller pick the control's id (to focus it from elsewhere). */
  id?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * Label, control, hint and error, wired with ids so a screen reader reads the error with the field. The error takes
 * the hint's place, so a field grows by at most the difference between the two.
 */
export function Field({ label, hint, error, className, id: givenId, children }: FieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={clsx('flex min-w-0 flex-col gap-1', className)}>
      <label htmlFor={id} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && !error ? (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Text inputs, selects and textareas. Size, width and text styles are chosen here rather than overridden by the
 * caller: two classes for one property are decided by stylesheet order, not by the order they are written in.
 */
export function inputClasses(
  className?: string,
  { size = 'md', multiline = false }: { size?: 'sm' | 'md'; multiline?: boolean } = {},
) {
  return clsx(
    'min-w-0 rounded-md border border-zinc-300 bg-white text-zinc-900 shadow-xs',
    'placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500',
    'focus-visible:border-blue-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-blue-600/30',
    'dark:focus-visible:border-blue-400 dark:focus-visible:outline-blue-400/40',
    'aria-invalid:border-red-600 dark:aria-invalid:border-red-500',
    'disabled:cursor-not-allowed disabled:opacity-60',
    multiline
      ? 'w-full px-2.5 py-1.5 font-mono text-xs leading-5'
      : size === 'sm'
        ? 'h-7 w-auto px-1.5 text-xs'
        : 'h-8 w-full px-2.5 text-sm',
    className,
  );
}

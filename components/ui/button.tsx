import { clsx } from 'clsx';
import type { ComponentPropsWithRef } from 'react';

/**
 * `selected` is a pressed toggle (the active preset); `quiet-danger` an icon button that turns red on hover (Delete).
 * Each variant and size owns its colours and paddings outright, because two classes for the same property would
 * be decided by stylesheet order, not by the order they are written in.
 */
export type ButtonVariant = 'primary' | 'secondary' | 'selected' | 'ghost' | 'quiet-danger' | 'danger';
export type ButtonSize = 'sm' | 'md' | 'icon-sm' | 'icon';

const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    'bg-zinc-900 text-white shadow-sm hover:bg-zinc-700 disabled:hover:bg-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white dark:disabled:hover:bg-zinc-100',
  secondary:
    'border border-zinc-300 bg-white text-zinc-800 shadow-xs hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  selected:
    'border border-blue-600 bg-blue-50 text-blue-800 shadow-xs dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100',
  ghost: 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-50',
  'quiet-danger':
    'text-zinc-500 hover:bg-red-50 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-red-950/60 dark:hover:text-red-300',
  danger: 'bg-red-600 text-white shadow-sm hover:bg-red-700 disabled:hover:bg-red-600 dark:hover:bg-red-500',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-7 px-2 text-xs',
  md: 'h-8 px-3 text-sm',
  'icon-sm': 'size-7 text-xs',
  icon: 'size-8 text-sm',
};

/** Shared by buttons and by links that look like buttons (Download), so both get the same focus ring and sizes. */
export function buttonClasses(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md', className?: string) {
  return clsx(
    'inline-flex shrink-0 select-none items-center justify-center gap-1.5 whitespace-nowrap rounded-md font-medium',
    'transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600',
    'dark:focus-visible:outline-blue-400',
    'disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50',
    SIZES[size],
    VARIANTS[variant],
    className,
  );
}

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/**
 * For a button that turns unavailable while it may have the focus (a submit while sending, Next on the last page),
 * pass `aria-disabled` rather than `disabled`: a disabled button drops the keyboard focus that just pressed it. An
 * aria-disabled one keeps it, looks and reads as disabled, and ignores clicks (a submit does not submit).
 */
export function Button({ variant, size, className, type = 'button', onClick, ...props }: ButtonProps) {
  const inert = props['aria-disabled'] === true || props['aria-disabled'] === 'true';
  return (
    <button
      type={type}
      className={buttonClasses(variant, size, className)}
      onClick={inert ? (event) => event.preventDefault() : onClick}
      {...props}
    />
  );
}

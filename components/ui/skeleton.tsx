import { clsx } from 'clsx';

/** A placeholder bar (or pill); it pulses only for people who have not asked for reduced motion. */
export function Skeleton({ className, pill = false }: { className?: string; pill?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={clsx(
        'block bg-zinc-200 motion-safe:animate-pulse dark:bg-zinc-800',
        pill ? 'rounded-full' : 'rounded',
        className,
      )}
    />
  );
}

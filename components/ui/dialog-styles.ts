import { clsx } from 'clsx';

/** The look shared by every modal on the page (confirmations, the split plan). */
export const dialogOverlayClass = 'fixed inset-0 z-40 bg-zinc-950/40 dark:bg-black/60';

export function dialogContentClass(width: 'md' | 'lg' = 'md') {
  return clsx(
    'fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2',
    'overflow-y-auto rounded-lg border border-zinc-200 bg-white p-5 shadow-xl focus:outline-none',
    'dark:border-zinc-800 dark:bg-zinc-900',
    width === 'md' ? 'max-w-md' : 'max-w-lg',
  );
}

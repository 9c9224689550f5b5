'use client';

import { useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { usePageSettled } from '@/components/ui/use-page-settled';
import { healthQueryOptions } from '@/lib/api/health';

/** Whether the dashboard's server can reach CDN right now, so an error in the table has a likely explanation. */
export function HealthIndicator() {
  // The first check waits until the page has started: the rows and the form come first.
  const { data, isError } = useQuery({ ...healthQueryOptions(), enabled: usePageSettled() });
  const reachable = data?.upstream.reachable;
  const label =
    data === undefined
      ? isError
        ? 'Status unknown'
        : 'Checking CDN…'
      : reachable
        ? `CDN reachable${typeof data.upstream.latencyMs === 'number' ? ` · ${Math.round(data.upstream.latencyMs)} ms` : ''}`
        : 'CDN unreachable';
  return (
    <span
      className="inline-flex h-6 min-w-[9rem] items-center justify-end gap-1.5 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
      title="Checked every 30 seconds"
    >
      <span
        aria-hidden="true"
        className={clsx(
          'size-2 rounded-full',
          reachable === true && 'bg-emerald-500',
          reachable === false && 'bg-red-500',
          reachable === undefined && 'bg-zinc-300 dark:bg-zinc-600',
        )}
      />
      {label}
    </span>
  );
}

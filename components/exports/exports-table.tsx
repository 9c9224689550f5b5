'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { AlertIcon, InboxIcon, RefreshIcon } from '@/components/ui/icons';
import { toApiError } from '@/lib/api/api-error';
import { POLL_INTERVAL_MS } from '@/lib/api/exports';
import { KIND_LABELS } from '@/lib/exports/kind-labels';
import type { ExportKind, ExportTask, ExportTaskPage } from '@/lib/exports/schemas';
import { isGenerating } from '@/lib/exports/task-status';
import { ApiErrorDetails } from './api-error-details';
import type { DashboardView } from './dashboard-url';
import { DeleteTaskDialog } from './delete-task-dialog';
import { Pager } from './pager';
import { exactTime, lastPage, updatedAgo } from './task-display';
import { TaskTableView } from './task-table-view';
import { useClock } from './use-now';

interface ExportsTableProps {
  kind: ExportKind;
  view: DashboardView;
  onViewChange: (view: DashboardView, mode?: 'push' | 'replace') => void;
  query: UseQueryResult<ExportTaskPage, Error>;
  timeZone: string;
  onRunAgain: (task: ExportTask) => void;
}

/** The empty and error states take the skeleton's height (five rows), so the first answer does not move the pager. */
const STATE_BLOCK = 'flex min-h-60 flex-col items-center justify-center border-t border-zinc-100 px-4 py-8 text-center dark:border-zinc-800/70';

/** "Updated 5 s ago": the one text on the page that changes every second, so it reads the clock itself. */
function UpdatedAgo({ fetchedAt, timeZone }: { fetchedAt: string; timeZone: string }) {
  const text = useClock((now) => updatedAgo(fetchedAt, now));
  return (
    <span className="min-w-[12ch] text-right text-xs text-zinc-500 tabular-nums dark:text-zinc-400" title={exactTime(fetchedAt, timeZone)}>
      {text}
    </span>
  );
}

/**
 * The refresh icon, spinning while the list is being fetched. Not in the first render: the server rendered the rows
 * fetched, while the browser may already be refreshing them (when they were more than 2 s old by the time the page
 * started), and the two renders must match. Its own component, so that the render after hydration is this icon's
 * alone, not the whole list's.
 */
function FetchingIcon({ fetching }: { fetching: boolean }) {
  const spin = useHydrated() && fetching;
  return <RefreshIcon className={clsx('size-3.5', spin && 'motion-safe:animate-spin')} />;
}

/**
 * A kind's tasks: a toolbar, the rows (as a table on wide screens, as cards on narrow ones), the empty and error
 * states, the pager, and the delete flow.
 */
export function ExportsTable({ kind, view, onViewChange, query, timeZone, onRunAgain }: ExportsTableProps) {
  const [toDelete, setToDelete] = useState<ExportTask | null>(null);
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = query;
  const apiError = error ? toApiError(error) : null;
  // A click while a poll is already under way joins it. The buttons stay enabled: disabling a focused button would
  // throw the keyboard focus that pressed it back to the top of the page.
  const refresh = () => void refetch({ cancelRefetch: false });
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A page past the end (after deletes, or an old link) moves to the last page that has rows, without a history entry.
  const last = data ? lastPage(data.total, view.size) : 1;
  const pastTheEnd = !!data && !isPlaceholderData && data.tasks.length === 0 && data.total > 0 && view.page > last;
  useEffect(() => {
    if (!pastTheEnd) return;
    // After this commit, not in it: when the page's own HTML brought the rows, this can run in the page's first commit,
    // before Next's router follows history (from an effect of its own), and the URL change would go unseen.
    const timer = setTimeout(() => onViewChange({ ...view, page: last }, 'replace'), 0);
    return () => clearTimeout(timer);
  }, [pastTheEnd, last, view, onViewChange]);

  const tasks = data?.tasks ?? [];
  const generating = tasks.some(isGenerating);

  return (
    <div className="flex flex-col">
      <div className="flex h-12 items-center gap-3 border-b border-zinc-200 px-4 dark:border-zinc-800">
        <h3
          ref={headingRef}
          id={`${kind}-tasks-title`}
          tabIndex={-1}
          className="rounded-sm text-sm font-semibold text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-zinc-100 dark:focus-visible:outline-blue-400"
        >
          Tasks
        </h3>
        <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {data ? `${data.total} total` : null}
        </span>
        <span className="ml-auto flex items-center gap-2">
          {data ? (
            <UpdatedAgo fetchedAt={data.fetchedAt} timeZone={timeZone} />
          ) : (
            <span className="min-w-[12ch] text-right text-xs text-zinc-500 tabular-nums dark:text-zinc-400" />
          )}
          {/* Always laid out, shown only while polling, so the toolbar never shifts. */}
          <span
            className={clsx(
              'inline-flex items-center gap-1 text-xs text-blue-700 dark:text-blue-300',
              !generating && 'invisible',
            )}
            title={`Refreshing every ${POLL_INTERVAL_MS / 1000} seconds while a file is being generated`}
          >
            <span className="size-1.5 rounded-full bg-blue-500 motion-safe:animate-pulse" aria-hidden="true" />
            <span className="sr-only sm:not-sr-only">Live</span>
          </span>
          <Button size="sm" variant="secondary" onClick={refresh} aria-label="Refresh the list">
            <FetchingIcon fetching={isFetching} />
            <span className="hidden sm:inline">Refresh</span>
          </Button>
        </span>
      </div>

      {apiError && data ? (
        <div
          role="alert"
          className="flex items-start gap-2 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
        >
          <AlertIcon className="mt-0.5 shrink-0" />
          <div className="min-w-0 flex-1">
            <p>The list could not be refreshed: {apiError.message} The rows below may be out of date.</p>
            <ApiErrorDetails error={apiError} />
          </div>
          <Button size="sm" onClick={refresh}>
            Retry
          </Button>
        </div>
      ) : null}

      <TaskTableView
        listName={KIND_LABELS[kind].name}
        tasks={tasks}
        timeZone={timeZone}
        showSkeleton={isPending && !data && !apiError}
        busy={isPending || isPlaceholderData}
        stale={isPlaceholderData}
        onRunAgain={onRunAgain}
        onDelete={setToDelete}
      />

      {apiError && !data ? (
        <div role="alert" className={STATE_BLOCK}>
          <AlertIcon className="size-5 text-red-600 dark:text-red-400" />
          <p className="mt-2 text-sm font-medium text-zinc-900 dark:text-zinc-100">The tasks could not be loaded</p>
          <p className="mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-300">{apiError.message}</p>
          <ApiErrorDetails error={apiError} />
          <Button className="mt-3" onClick={refresh} aria-busy={isFetching}>
            <FetchingIcon fetching={isFetching} />
            Retry
          </Button>
        </div>
      ) : null}

      {data && tasks.length === 0 ? (
        <div className={STATE_BLOCK}>
          <InboxIcon className="size-5 text-zinc-400" />
          <p className="mt-2 text-sm font-medium text-zinc-900 dark:text-zinc-100">
            {data.total === 0 ? 'No exports yet' : 'Nothing on this page'}
          </p>
          <p className="mt-1 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
            {data.total === 0
              ? 'Pick a period above and create one; it shows up here and turns Ready when its file is done.'
              : 'Going back to the last page…'}
          </p>
        </div>
      ) : null}

      <Pager kind={kind} view={view} data={data} onViewChange={onViewChange} />

      <DeleteTaskDialog
        kind={kind}
        task={toDelete}
        timeZone={timeZone}
        onClose={() => setToDelete(null)}
        focusAfterDelete={headingRef}
      />
    </div>
  );
}

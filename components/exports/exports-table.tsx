'use client';

import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Button, buttonClasses } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import {
  AlertIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  DownloadIcon,
  InboxIcon,
  RefreshIcon,
  RepeatIcon,
  TrashIcon,
} from '@/components/ui/icons';
import { inputClasses } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { toApiError } from '@/lib/api/api-error';
import { deleteExport, downloadHref, exportKeys, POLL_INTERVAL_MS } from '@/lib/api/exports';
import { PAGE_SIZES, type ExportKind, type ExportTask, type ExportTaskPage } from '@/lib/exports/schemas';
import { ApiErrorDetails, errorSummary } from './api-error-details';
import type { DashboardView, PageSize } from './dashboard-url';
import { downloadTask } from './download';
import {
  exactTime,
  isTakingLong,
  lastPage,
  pageSummary,
  periodLabel,
  relativeTime,
  updatedAgo,
} from './task-display';
import { TaskStatusBadge } from './task-status-badge';
import { useNow } from './use-now';

interface ExportsTableProps {
  kind: ExportKind;
  view: DashboardView;
  onViewChange: (view: DashboardView, mode?: 'push' | 'replace') => void;
  query: UseQueryResult<ExportTaskPage, Error>;
  timeZone: string;
  onRunAgain: (task: ExportTask) => void;
}

const SKELETON_ROWS = 5;
/** One height per row and per card, whatever they hold, so that updates never move the page. */
const ROW = 'h-12';
/** The empty and error states take the skeleton's height (five rows), so the first answer does not move the pager. */
const STATE_BLOCK = 'flex min-h-60 flex-col items-center justify-center border-t border-zinc-100 px-4 py-8 text-center dark:border-zinc-800/70';
const CARD = 'flex h-[6.5rem] flex-col justify-center gap-1.5 px-4';
const KIND_LABEL: Record<ExportKind, string> = { summary: 'Usage history', detail: 'Usage details' };

function RelativeTime({ iso, now, timeZone }: { iso: string; now: number; timeZone: string }) {
  return (
    <time dateTime={iso} title={exactTime(iso, timeZone)}>
      {relativeTime(iso, now)}
    </time>
  );
}

/**
 * A link to the BFF, which answers each click with a redirect to a URL fetched for that click. A plain click is checked
 * first so that a refusal (upstream down, task deleted) becomes a message, not a broken file; a modified click (new
 * tab, save link as) is left to the browser.
 */
function DownloadLink({ task }: { task: ExportTask }) {
  return (
    <a
      href={downloadHref(task.kind, task.id)}
      className={buttonClasses('secondary', 'sm')}
      aria-label={`Download ${task.name}`}
      download
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        downloadTask(task);
      }}
    >
      <DownloadIcon className="size-3.5" />
      Download
    </a>
  );
}

interface TaskActionsProps {
  task: ExportTask;
  onRunAgain: (task: ExportTask) => void;
  onDelete: (task: ExportTask) => void;
  /** A table row puts Download first, in a slot that keeps its width; a card puts it at the far end. */
  layout?: 'row' | 'card';
}

/** Download (when there is a file), Run again, Delete, placed so that a task turning Ready never moves the others. */
function TaskActions({ task, onRunAgain, onDelete, layout = 'row' }: TaskActionsProps) {
  const download = task.downloadable ? <DownloadLink task={task} /> : null;
  const others = (
    <>
      <Button size="sm" variant="ghost" onClick={() => onRunAgain(task)} aria-label={`Run again: ${task.name}`}>
        <RepeatIcon className="size-3.5" />
        Run again
      </Button>
      <Button
        size="icon-sm"
        variant="quiet-danger"
        onClick={() => onDelete(task)}
        aria-label={`Delete ${task.name}`}
        title="Delete"
      >
        <TrashIcon className="size-3.5" />
      </Button>
    </>
  );
  if (layout === 'card') {
    return (
      <div className="flex items-center gap-1">
        {others}
        <span className="ml-auto">{download}</span>
      </div>
    );
  }
  return (
    <div className="flex items-center justify-end gap-1">
      <span className="inline-flex w-[6.25rem] justify-end">{download}</span>
      {others}
    </div>
  );
}

export function ExportsTable({ kind, view, onViewChange, query, timeZone, onRunAgain }: ExportsTableProps) {
  const queryClient = useQueryClient();
  const now = useNow(1000);
  const [toDelete, setToDelete] = useState<ExportTask | null>(null);
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = query;
  const apiError = error ? toApiError(error) : null;
  // A click while a poll is already under way joins it. The buttons stay enabled: disabling a focused button would
  // throw the keyboard focus that pressed it back to the top of the page.
  const refresh = () => void refetch({ cancelRefetch: false });

  // After a delete its row is gone, and so is the button that opened the dialog: focus goes to the list's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const deleted = useRef(false);

  const remove = useMutation({
    mutationFn: (task: ExportTask) => deleteExport(task.kind, task.id),
    onSuccess: (_, task) => {
      toast.success(`Deleted “${task.name}”`);
      deleted.current = true;
      setToDelete(null);
    },
    onError: (err, task) => {
      toast.error(`Could not delete “${task.name}”`, { description: errorSummary(toApiError(err)) });
      setToDelete(null);
    },
    // Gone or not, the list is refreshed: a 404 means someone else deleted it already.
    onSettled: () => queryClient.invalidateQueries({ queryKey: exportKeys.listsOfKind(kind) }),
  });

  // A page past the end (after deletes, or an old link) moves to the last page that has rows, without a history entry.
  const last = data ? lastPage(data.total, view.size) : 1;
  const pastTheEnd = !!data && !isPlaceholderData && data.tasks.length === 0 && data.total > 0 && view.page > last;
  useEffect(() => {
    if (pastTheEnd) onViewChange({ ...view, page: last }, 'replace');
  }, [pastTheEnd, last, view, onViewChange]);

  const tasks = data?.tasks ?? [];
  const showSkeleton = isPending && !data && !apiError;
  const generating = tasks.some((task) => task.status === 'created');

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
          <span
            className="min-w-[12ch] text-right text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
            title={data ? exactTime(data.fetchedAt, timeZone) : undefined}
          >
            {data ? updatedAgo(data.fetchedAt, now) : ''}
          </span>
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
            <RefreshIcon className={clsx('size-3.5', isFetching && 'motion-safe:animate-spin')} />
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

      {/* Wide screens: a table. Narrow screens: one card per task. Only one of them is displayed. */}
      <div
        className="relative hidden overflow-x-auto md:block"
        role="region"
        aria-label={`${KIND_LABEL[kind]} tasks, as a table`}
      >
        <table
          className={clsx('w-full min-w-[68.5rem] table-fixed border-collapse text-sm', isPlaceholderData && 'opacity-60')}
          aria-busy={isPending || isPlaceholderData}
        >
          <colgroup>
            <col />
            <col className="w-[12rem]" />
            <col className="w-[10.5rem]" />
            <col className="w-[8rem]" />
            <col className="w-[8rem]" />
            <col className="w-[16rem]" />
          </colgroup>
          <thead>
            <tr className="h-9 border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <th scope="col" className="px-4 font-medium">Name</th>
              <th scope="col" className="px-3 font-medium">Period</th>
              <th scope="col" className="px-3 font-medium">Status</th>
              <th scope="col" className="px-3 font-medium">Created</th>
              <th scope="col" className="px-3 font-medium">Updated</th>
              <th scope="col" className="px-4 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
            {showSkeleton
              ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
                  <tr key={i} className={ROW}>
                    <td className="px-4"><Skeleton className="h-3.5 w-3/4" /></td>
                    <td className="px-3"><Skeleton className="h-3.5 w-32" /></td>
                    <td className="px-3"><Skeleton className="h-5 w-20" pill /></td>
                    <td className="px-3"><Skeleton className="h-3.5 w-20" /></td>
                    <td className="px-3"><Skeleton className="h-3.5 w-20" /></td>
                    <td className="px-4"><Skeleton className="ml-auto h-6 w-48" /></td>
                  </tr>
                ))
              : null}
            {tasks.map((task) => (
              <tr key={task.id} className={clsx(ROW, 'hover:bg-zinc-50/80 dark:hover:bg-zinc-900/60')}>
                <td className="truncate px-4 font-medium text-zinc-900 dark:text-zinc-100" title={task.name}>
                  {task.name}
                </td>
                <td className="px-3 whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
                  {periodLabel(task, timeZone)}
                </td>
                <td className="px-3">
                  <TaskStatusBadge status={task.status} slow={isTakingLong(task, now)} />
                </td>
                <td className="px-3 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                  <RelativeTime iso={task.createdAt} now={now} timeZone={timeZone} />
                </td>
                <td className="px-3 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                  <RelativeTime iso={task.updatedAt} now={now} timeZone={timeZone} />
                </td>
                <td className="px-4">
                  <TaskActions task={task} onRunAgain={onRunAgain} onDelete={setToDelete} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul
        className={clsx('divide-y divide-zinc-100 md:hidden dark:divide-zinc-800/70', isPlaceholderData && 'opacity-60')}
        aria-label={`${KIND_LABEL[kind]} tasks`}
        aria-busy={isPending || isPlaceholderData}
      >
        {showSkeleton
          ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
              <li key={i} className={clsx(CARD, 'gap-2.5')}>
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-3 w-1/2" />
                <Skeleton className="h-6 w-40" />
              </li>
            ))
          : null}
        {tasks.map((task) => {
          const slow = isTakingLong(task, now);
          return (
            <li key={task.id} className={CARD}>
              <div className="flex min-w-0 items-center gap-2">
                <span className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100" title={task.name}>
                  {task.name}
                </span>
                <TaskStatusBadge status={task.status} slow={false} />
              </div>
              <p className="truncate text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {periodLabel(task, timeZone)} ·{' '}
                {/* A card has one line for this: a slow task's warning matters more than its age (half an hour, at least). */}
                {slow ? (
                  <span className="text-amber-700 dark:text-amber-400">taking longer than usual</span>
                ) : (
                  <>
                    created <RelativeTime iso={task.createdAt} now={now} timeZone={timeZone} />
                  </>
                )}
              </p>
              <TaskActions task={task} onRunAgain={onRunAgain} onDelete={setToDelete} layout="card" />
            </li>
          );
        })}
      </ul>

      {apiError && !data ? (
        <div role="alert" className={STATE_BLOCK}>
          <AlertIcon className="size-5 text-red-600 dark:text-red-400" />
          <p className="mt-2 text-sm font-medium text-zinc-900 dark:text-zinc-100">The tasks could not be loaded</p>
          <p className="mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-300">{apiError.message}</p>
          <ApiErrorDetails error={apiError} />
          <Button className="mt-3" onClick={refresh} aria-busy={isFetching}>
            <RefreshIcon className={clsx('size-3.5', isFetching && 'motion-safe:animate-spin')} />
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

      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(open) => (open ? undefined : setToDelete(null))}
        title="Delete this export?"
        confirmLabel="Delete"
        destructive
        busy={remove.isPending}
        onConfirm={() => (toDelete ? remove.mutate(toDelete) : undefined)}
        returnFocusTo={() => {
          const afterDelete = deleted.current;
          deleted.current = false;
          return afterDelete ? headingRef.current : null;
        }}
      >
        {toDelete ? (
          <p>
            “{toDelete.name}” ({periodLabel(toDelete, timeZone)}) will be removed from CDN and its file can no longer be
            downloaded. This cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

function Pager({
  kind,
  view,
  data,
  onViewChange,
}: {
  kind: ExportKind;
  view: DashboardView;
  data: ExportTaskPage | undefined;
  onViewChange: (view: DashboardView) => void;
}) {
  const last = data ? lastPage(data.total, view.size) : 1;
  const sizeId = `${kind}-page-size`;
  return (
    <nav
      aria-label="Pages"
      className="flex min-h-12 flex-wrap items-center gap-x-4 gap-y-2 border-t py-2 border-zinc-200 px-4 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
    >
      <span className="min-w-[11ch] tabular-nums" aria-live="polite">
        {data ? pageSummary(data.page, data.size, data.total, data.tasks.length) : ''}
      </span>
      <span className="flex items-center gap-2">
        <label htmlFor={sizeId}>Rows per page</label>
        <select
          id={sizeId}
          value={view.size}
          onChange={(e) => onViewChange({ ...view, page: 1, size: Number(e.target.value) as PageSize })}
          className={inputClasses('tabular-nums', { size: 'sm' })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </span>
      <span className="ml-auto flex items-center gap-1">
        <span className="mr-2 tabular-nums">
          Page {view.page} of {last}
        </span>
        <Button
          size="icon-sm"
          aria-label="Previous page"
          aria-disabled={view.page <= 1 || undefined}
          onClick={() => onViewChange({ ...view, page: Math.min(view.page - 1, last) })}
        >
          <ChevronLeftIcon className="size-3.5" />
        </Button>
        <Button
          size="icon-sm"
          aria-label="Next page"
          aria-disabled={!data || view.page >= last || undefined}
          onClick={() => onViewChange({ ...view, page: view.page + 1 })}
        >
          <ChevronRightIcon className="size-3.5" />
        </Button>
      </span>
    </nav>
  );
}

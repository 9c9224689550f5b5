'use client';

import { useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import { ApiErrorDetails } from '@/components/exports/api-error-details';
import { exactTime, lastPage, pageSummary } from '@/components/exports/task-display';
import { Button, buttonClasses } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/field';
import { AlertIcon, ChevronLeftIcon, ChevronRightIcon, DownloadIcon, InboxIcon, RefreshIcon } from '@/components/ui/icons';
import { activityExportHref, activityPageQueryOptions } from '@/lib/api/activity';
import { toApiError } from '@/lib/api/api-error';
import type { ActivityEntry } from '@/lib/exports/activity';
import { KIND_LABELS } from '@/lib/exports/kind-labels';
import {
  ACTIVITY_PAGE_SIZES,
  EMPTY_ACTIVITY_VIEW,
  activityApiFilters,
  activityViewSearch,
  parseActivityView,
  type ActivityPageSize,
  type ActivityView,
} from './activity-url';
import { ACTION_LABELS, ActivityFilters } from './activity-filters';

const CELL = 'px-3 py-2 align-top';

/**
 * Where an entry's task can be seen: its tab of the dashboard. A task this entry deleted is gone, so it gets no link;
 * one deleted later is not known here (the entry carries no "still exists"), and its tab simply no longer lists it.
 */
function taskHref(entry: ActivityEntry): string | null {
  if (!entry.kind || !entry.taskId) return null;
  if (entry.action === 'delete' && entry.status < 300) return null;
  return `/?tab=${entry.kind}`;
}

function EntryRow({ entry, timeZone }: { entry: ActivityEntry; timeZone: string }) {
  const href = taskHref(entry);
  const ok = entry.status < 400;
  return (
    <tr className="hover:bg-zinc-50/80 dark:hover:bg-zinc-900/60">
      <td className={clsx(CELL, 'whitespace-nowrap tabular-nums text-zinc-700 dark:text-zinc-300')}>{exactTime(entry.at, timeZone).replace(` (${timeZone})`, '')}</td>
      <td className={CELL}>
        {entry.actor ? (
          <>
            <span className="block text-zinc-900 dark:text-zinc-100">{entry.actor.name}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">{entry.actor.email || entry.actor.id}</span>
          </>
        ) : (
          <span className="text-zinc-500 italic dark:text-zinc-400">not signed in</span>
        )}
      </td>
      <td className={clsx(CELL, 'text-zinc-700 dark:text-zinc-300')}>{entry.role ?? '—'}</td>
      <td className={clsx(CELL, 'font-medium text-zinc-900 dark:text-zinc-100')}>{ACTION_LABELS[entry.action]}</td>
      <td className={clsx(CELL, 'text-zinc-700 dark:text-zinc-300')}>{entry.kind ? KIND_LABELS[entry.kind].name : '—'}</td>
      <td className={clsx(CELL, 'font-mono text-xs break-all')}>
        {entry.taskId ? (
          href ? (
            <Link
              href={href}
              className="text-blue-700 underline underline-offset-2 hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-100"
              aria-label={`Task ${entry.taskId}, in the ${entry.kind ? KIND_LABELS[entry.kind].name : ''} list`}
            >
              {entry.taskId}
            </Link>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">{entry.taskId}</span>
          )
        ) : (
          '—'
        )}
      </td>
      <td className={clsx(CELL, 'whitespace-nowrap tabular-nums', ok ? 'text-zinc-700 dark:text-zinc-300' : 'text-red-700 dark:text-red-300')}>
        {entry.status}
        {entry.code ? <span className="block text-xs">{entry.code}</span> : null}
      </td>
      <td className={clsx(CELL, 'font-mono text-xs break-all text-zinc-500 dark:text-zinc-400')}>{entry.requestId}</td>
    </tr>
  );
}

/**
 * The activity log for admins: filters (user, action, kind, period) kept in the URL, one page of entries newest first,
 * paging, and the CSV export of everything the filters match.
 */
export function ActivityLog({ timeZone }: { timeZone: string }) {
  const searchParams = useSearchParams();
  const view = parseActivityView(searchParams);
  const filters = activityApiFilters(view, timeZone);
  const query = useQuery(activityPageQueryOptions(filters, view.page, view.size));
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = query;
  const apiError = error ? toApiError(error) : null;

  // The form holds what is being typed; the URL holds what is applied. A new URL (back, forward) resets the form.
  const [draft, setDraft] = useState<ActivityView>(view);
  const [shownFor, setShownFor] = useState(searchParams.toString());
  if (shownFor !== searchParams.toString()) {
    setShownFor(searchParams.toString());
    setDraft(view);
  }

  const navigate = useCallback((next: ActivityView) => {
    const search = activityViewSearch(next);
    if (search === window.location.search) return;
    window.history.pushState(null, '', `${window.location.pathname}${search}`);
  }, []);

  const last = data ? lastPage(data.total, view.size) : 1;
  const entries = data?.entries ?? [];

  return (
    <div className="flex flex-col gap-4">
      <ActivityFilters
        draft={draft}
        onDraftChange={setDraft}
        onApply={() => navigate({ ...draft, page: 1, size: view.size })}
        onClear={() => navigate({ ...EMPTY_ACTIVITY_VIEW, size: view.size })}
      />

      <section
        aria-labelledby="activity-entries-title"
        className="rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-950"
      >
        <div className="flex min-h-12 flex-wrap items-center gap-3 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
          <h2 id="activity-entries-title" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Entries</h2>
          <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{data ? `${data.total} total` : null}</span>
          <span className="ml-auto flex items-center gap-2">
            <Button size="sm" variant="secondary" onClick={() => void refetch({ cancelRefetch: false })} aria-label="Refresh the activity">
              <RefreshIcon className={clsx('size-3.5', isFetching && 'motion-safe:animate-spin')} />
              <span className="hidden sm:inline">Refresh</span>
            </Button>
            <a href={activityExportHref(filters)} className={buttonClasses('secondary', 'sm')} download>
              <DownloadIcon className="size-3.5" />
              Export CSV
            </a>
          </span>
        </div>

        {apiError ? (
          <div role="alert" className="flex items-start gap-2 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
            <AlertIcon className="mt-0.5 shrink-0" />
            <div className="min-w-0 flex-1">
              <p>The activity could not be loaded: {apiError.message}</p>
              <ApiErrorDetails error={apiError} />
            </div>
          </div>
        ) : null}

        <div className="overflow-x-auto" role="region" aria-label="Activity entries" tabIndex={0}>
          <table className={clsx('w-full min-w-[60rem] border-collapse text-left text-sm', isPlaceholderData && 'opacity-60')} aria-busy={isPending || isPlaceholderData}>
            <caption className="sr-only">Activity, newest first</caption>
            <thead>
              <tr className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
                <th scope="col" className="px-3 py-2 font-medium">When ({timeZone})</th>
                <th scope="col" className="px-3 py-2 font-medium">User</th>
                <th scope="col" className="px-3 py-2 font-medium">Role</th>
                <th scope="col" className="px-3 py-2 font-medium">Action</th>
                <th scope="col" className="px-3 py-2 font-medium">Kind</th>
                <th scope="col" className="px-3 py-2 font-medium">Task</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium">Request ID</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
              {entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} timeZone={timeZone} />
              ))}
            </tbody>
          </table>
        </div>

        {data && entries.length === 0 ? (
          <div className="flex min-h-40 flex-col items-center justify-center px-4 py-8 text-center">
            <InboxIcon className="size-5 text-zinc-400" />
            <p className="mt-2 text-sm font-medium text-zinc-900 dark:text-zinc-100">No activity matches</p>
          </div>
        ) : null}
        {isPending && !data && !apiError ? <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">Loading the activity…</p> : null}

        <nav aria-label="Pages" className="flex min-h-12 flex-wrap items-center gap-x-4 gap-y-2 border-t border-zinc-200 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <span className="tabular-nums" aria-live="polite">
            {data ? pageSummary(data.page, data.size, data.total, entries.length) : ''}
          </span>
          <span className="flex items-center gap-2">
            <label htmlFor="activity-page-size">Rows per page</label>
            <select
              id="activity-page-size"
              value={view.size}
              onChange={(e) => navigate({ ...view, page: 1, size: Number(e.target.value) as ActivityPageSize })}
              className={inputClasses('tabular-nums', { size: 'sm' })}
            >
              {ACTIVITY_PAGE_SIZES.map((size) => (
                <option key={size} value={size}>{size}</option>
              ))}
            </select>
          </span>
          <span className="ml-auto flex items-center gap-1">
            <span className="mr-2 tabular-nums">Page {view.page} of {last}</span>
            <Button size="icon-sm" variant="secondary" aria-label="Previous page" disabled={view.page <= 1} onClick={() => navigate({ ...view, page: view.page - 1 })}>
              <ChevronLeftIcon className="size-3.5" />
            </Button>
            <Button size="icon-sm" variant="secondary" aria-label="Next page" disabled={view.page >= last} onClick={() => navigate({ ...view, page: view.page + 1 })}>
              <ChevronRightIcon className="size-3.5" />
            </Button>
          </span>
        </nav>
      </section>
    </div>
  );
}

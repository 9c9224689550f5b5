'use client';

import { clsx } from 'clsx';
import { memo } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { ExportTask } from '@/lib/exports/schemas';
import { RelativeTime } from './relative-time';
import { TaskActions, type TaskActionHandlers } from './task-actions';
import { creatorLabel, periodLabel } from './task-display';
import { TaskStatusBadge, useTakingLong } from './task-status-badge';

interface TaskListViewProps extends TaskActionHandlers {
  /** "Usage history", naming the list for screen readers. */
  listName: string;
  tasks: readonly ExportTask[];
  timeZone: string;
  showSkeleton: boolean;
  busy: boolean;
  /** The rows are a previous page's, shown dimmed until the next page arrives. */
  stale: boolean;
}

const SKELETON_ROWS = 5;

/**
 * One markup for every width: a table on wide screens; on narrow ones each row is laid out as a card (a grid of its
 * cells: name and status, period and age, creator, actions; the Updated column is left out). Rendering a table and a
 * card list and hiding one would double the page's rows, which the browser parses, styles and hydrates either way.
 * Each row (card) has one height whatever it holds, so that updates never move the page. A card out of view is not
 * laid out or painted until it scrolls near (content-visibility), in the size it will have: on a phone the list
 * starts below the form, so the first paint has none of it to do. (A table row cannot skip its layout that way.)
 */
const ROW = clsx(
  'md:h-12',
  'max-md:grid max-md:h-[7.75rem] max-md:grid-cols-[auto_minmax(0,1fr)_auto] max-md:content-center',
  'max-md:gap-x-1 max-md:gap-y-1.5 max-md:px-4',
  'max-md:[content-visibility:auto] max-md:[contain-intrinsic-size:auto_7.75rem]',
);
const CELL = {
  name: 'truncate md:px-4 max-md:col-span-2 max-md:col-start-1 max-md:row-start-1',
  period: 'whitespace-nowrap md:px-3 max-md:col-start-1 max-md:row-start-2 max-md:text-xs',
  status: 'md:px-3 max-md:col-start-3 max-md:row-start-1 max-md:justify-self-end',
  created: 'whitespace-nowrap md:px-3 max-md:col-span-2 max-md:col-start-2 max-md:row-start-2 max-md:truncate max-md:text-xs',
  createdBy: 'truncate md:px-3 max-md:col-span-3 max-md:row-start-3 max-md:text-xs',
  updated: 'whitespace-nowrap md:px-3 max-md:hidden',
  actions: 'md:px-4 max-md:col-span-3 max-md:row-start-4',
} as const;
/** Only narrow screens show these words: a card has no column headers to name its lines. */
const CARD_ONLY = 'md:hidden';

/**
 * Memoized: a poll's answer keeps the objects of the tasks that did not change (TanStack Query's structural sharing),
 * so only a row whose task changed renders again.
 */
const TaskRow = memo(function TaskRow({
  task,
  timeZone,
  onRunAgain,
  onDelete,
}: { task: ExportTask; timeZone: string } & TaskActionHandlers) {
  const slow = useTakingLong(task);
  return (
    <tr className={clsx(ROW, 'md:hover:bg-zinc-50/80 md:dark:hover:bg-zinc-900/60')}>
      <td className={clsx(CELL.name, 'font-medium text-zinc-900 dark:text-zinc-100')} title={task.name}>
        {task.name}
      </td>
      <td className={clsx(CELL.period, 'text-zinc-700 tabular-nums max-md:text-zinc-500 dark:text-zinc-300 max-md:dark:text-zinc-400')}>
        {periodLabel(task, timeZone)}
      </td>
      <td className={CELL.status}>
        <TaskStatusBadge status={task.status} slow={slow} />
      </td>
      <td className={clsx(CELL.created, 'text-zinc-600 tabular-nums max-md:text-zinc-500 dark:text-zinc-400')}>
        <span className={CARD_ONLY}>· created </span>
        <RelativeTime iso={task.createdAt} timeZone={timeZone} />
      </td>
      <td
        className={clsx(
          CELL.createdBy,
          task.createdBy ? 'text-zinc-700 max-md:text-zinc-500 dark:text-zinc-300 max-md:dark:text-zinc-400' : 'text-zinc-500 dark:text-zinc-400',
        )}
        title={task.createdBy?.email ?? undefined}
      >
        <span className={CARD_ONLY}>Created by </span>
        <span className={clsx(!task.createdBy && 'italic')}>{creatorLabel(task)}</span>
      </td>
      <td className={clsx(CELL.updated, 'text-zinc-600 tabular-nums dark:text-zinc-400')}>
        <RelativeTime iso={task.updatedAt} timeZone={timeZone} />
      </td>
      <td className={CELL.actions}>
        <TaskActions task={task} onRunAgain={onRunAgain} onDelete={onDelete} />
      </td>
    </tr>
  );
});

/** The tasks of one page: a table on wide screens, one card per task on narrow ones. */
export function TaskTableView({ listName, tasks, timeZone, showSkeleton, busy, stale, onRunAgain, onDelete }: TaskListViewProps) {
  return (
    <div className="relative md:overflow-x-auto" role="region" aria-label={`${listName} tasks`}>
      <table
        className={clsx(
          'w-full border-collapse text-sm md:min-w-[76rem] md:table-fixed max-md:block',
          stale && 'opacity-60',
        )}
        aria-busy={busy}
      >
        <colgroup className="max-md:hidden">
          <col />
          <col className="w-[12rem]" />
          <col className="w-[10.5rem]" />
          <col className="w-[8rem]" />
          <col className="w-[10rem]" />
          <col className="w-[8rem]" />
          <col className="w-[16rem]" />
        </colgroup>
        <thead className="max-md:sr-only">
          <tr className="h-9 border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <th scope="col" className="px-4 font-medium">Name</th>
            <th scope="col" className="px-3 font-medium">Period</th>
            <th scope="col" className="px-3 font-medium">Status</th>
            <th scope="col" className="px-3 font-medium">Created</th>
            <th scope="col" className="px-3 font-medium">Created by</th>
            <th scope="col" className="px-3 font-medium">Updated</th>
            <th scope="col" className="px-4 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 max-md:block dark:divide-zinc-800/70">
          {showSkeleton
            ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
                <tr key={i} className={ROW}>
                  <td className={CELL.name}><Skeleton className="h-3.5 w-3/4" /></td>
                  <td className={CELL.period}><Skeleton className="h-3.5 w-32" /></td>
                  <td className={CELL.status}><Skeleton className="h-5 w-20" pill /></td>
                  <td className={CELL.created}><Skeleton className="h-3.5 w-20" /></td>
                  <td className={CELL.createdBy}><Skeleton className="h-3.5 w-24" /></td>
                  <td className={CELL.updated}><Skeleton className="h-3.5 w-20" /></td>
                  <td className={CELL.actions}><Skeleton className="h-6 w-48 md:ml-auto" /></td>
                </tr>
              ))
            : null}
          {tasks.map((task) => (
            <TaskRow key={task.id} task={task} timeZone={timeZone} onRunAgain={onRunAgain} onDelete={onDelete} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

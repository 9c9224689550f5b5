'use client';

import { clsx } from 'clsx';
import { Skeleton } from '@/components/ui/skeleton';
import type { ExportTask } from '@/lib/exports/schemas';
import { RelativeTime } from './relative-time';
import { TaskActions, type TaskActionHandlers } from './task-actions';
import { creatorLabel, periodLabel } from './task-display';
import { TaskStatusBadge, useTakingLong } from './task-status-badge';

export interface TaskListViewProps extends TaskActionHandlers {
  /** "Usage history", naming the list for screen readers. */
  listName: string;
  tasks: readonly ExportTask[];
  timeZone: string;
  showSkeleton: boolean;
  busy: boolean;
  /** The rows are a previous page's, shown dimmed until the next page arrives. */
  stale: boolean;
}

export const SKELETON_ROWS = 5;
/** One height per row, whatever it holds, so that updates never move the page. */
const ROW = 'h-12';

function TaskRow({ task, timeZone, onRunAgain, onDelete }: { task: ExportTask; timeZone: string } & TaskActionHandlers) {
  const slow = useTakingLong(task);
  return (
    <tr className={clsx(ROW, 'hover:bg-zinc-50/80 dark:hover:bg-zinc-900/60')}>
      <td className="truncate px-4 font-medium text-zinc-900 dark:text-zinc-100" title={task.name}>
        {task.name}
      </td>
      <td className="px-3 whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">{periodLabel(task, timeZone)}</td>
      <td className="px-3">
        <TaskStatusBadge status={task.status} slow={slow} />
      </td>
      <td className="px-3 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
        <RelativeTime iso={task.createdAt} timeZone={timeZone} />
      </td>
      <td
        className={clsx('truncate px-3', task.createdBy ? 'text-zinc-700 dark:text-zinc-300' : 'text-zinc-500 italic dark:text-zinc-400')}
        title={task.createdBy?.email ?? undefined}
      >
        {creatorLabel(task)}
      </td>
      <td className="px-3 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
        <RelativeTime iso={task.updatedAt} timeZone={timeZone} />
      </td>
      <td className="px-4">
        <TaskActions task={task} onRunAgain={onRunAgain} onDelete={onDelete} />
      </td>
    </tr>
  );
}

/** Wide screens: the tasks as a table (the card list stands in for it on narrow ones). */
export function TaskTableView({ listName, tasks, timeZone, showSkeleton, busy, stale, onRunAgain, onDelete }: TaskListViewProps) {
  return (
    <div className="relative hidden overflow-x-auto md:block" role="region" aria-label={`${listName} tasks, as a table`}>
      <table className={clsx('w-full min-w-[76rem] table-fixed border-collapse text-sm', stale && 'opacity-60')} aria-busy={busy}>
        <colgroup>
          <col />
          <col className="w-[12rem]" />
          <col className="w-[10.5rem]" />
          <col className="w-[8rem]" />
          <col className="w-[10rem]" />
          <col className="w-[8rem]" />
          <col className="w-[16rem]" />
        </colgroup>
        <thead>
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
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {showSkeleton
            ? Array.from({ length: SKELETON_ROWS }, (_, i) => (
                <tr key={i} className={ROW}>
                  <td className="px-4"><Skeleton className="h-3.5 w-3/4" /></td>
                  <td className="px-3"><Skeleton className="h-3.5 w-32" /></td>
                  <td className="px-3"><Skeleton className="h-5 w-20" pill /></td>
                  <td className="px-3"><Skeleton className="h-3.5 w-20" /></td>
                  <td className="px-3"><Skeleton className="h-3.5 w-24" /></td>
                  <td className="px-3"><Skeleton className="h-3.5 w-20" /></td>
                  <td className="px-4"><Skeleton className="ml-auto h-6 w-48" /></td>
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

'use client';

import { clsx } from 'clsx';
import { Skeleton } from '@/components/ui/skeleton';
import type { ExportTask } from '@/lib/exports/schemas';
import { RelativeTime } from './relative-time';
import { TaskActions, type TaskActionHandlers } from './task-actions';
import { creatorLabel, periodLabel } from './task-display';
import { TaskStatusBadge, useTakingLong } from './task-status-badge';
import { SKELETON_ROWS, type TaskListViewProps } from './task-table-view';

/** One height per card, whatever it holds, so that updates never move the page. */
const CARD = 'flex h-[7.75rem] flex-col justify-center gap-1.5 px-4';

function TaskCard({ task, timeZone, onRunAgain, onDelete }: { task: ExportTask; timeZone: string } & TaskActionHandlers) {
  const slow = useTakingLong(task);
  return (
    <li className={CARD}>
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
            created <RelativeTime iso={task.createdAt} timeZone={timeZone} />
          </>
        )}
      </p>
      <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
        Created by <span className={clsx(!task.createdBy && 'italic')}>{creatorLabel(task)}</span>
      </p>
      <TaskActions task={task} onRunAgain={onRunAgain} onDelete={onDelete} layout="card" />
    </li>
  );
}

/** Narrow screens: one card per task (the table stands in for it on wide ones). */
export function TaskCardList({ listName, tasks, timeZone, showSkeleton, busy, stale, onRunAgain, onDelete }: TaskListViewProps) {
  return (
    <ul
      className={clsx('divide-y divide-zinc-100 md:hidden dark:divide-zinc-800/70', stale && 'opacity-60')}
      aria-label={`${listName} tasks`}
      aria-busy={busy}
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
      {tasks.map((task) => (
        <TaskCard key={task.id} task={task} timeZone={timeZone} onRunAgain={onRunAgain} onDelete={onDelete} />
      ))}
    </ul>
  );
}

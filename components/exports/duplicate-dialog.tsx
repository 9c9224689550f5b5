'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ExportTask } from '@/lib/exports/schemas';
import { isGenerating } from '@/lib/exports/task-status';
import { formatDayRange, utcToDayRange } from '@/lib/exports/time-range';

/** Asks before creating a task for a period that an existing, non-failed task already covers. */
export function DuplicateDialog({
  task,
  timeZone,
  onResolve,
}: {
  task: ExportTask | null;
  timeZone: string;
  onResolve: (createAnyway: boolean) => void;
}) {
  return (
    <ConfirmDialog
      open={task !== null}
      onOpenChange={(open) => (open ? undefined : onResolve(false))}
      title="A task for this period already exists"
      confirmLabel="Create anyway"
      onConfirm={() => onResolve(true)}
    >
      {task ? (
        <p>
          “{task.name}” covers the same days ({formatDayRange(utcToDayRange(task, timeZone))}) and is{' '}
          {isGenerating(task) ? 'still being generated' : 'ready to download'}. Create another task for this period
          anyway?
        </p>
      ) : null}
    </ConfirmDialog>
  );
}

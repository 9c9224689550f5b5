'use client';

import { useRef, type RefObject } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { toApiError } from '@/lib/api/api-error';
import { useDeleteExport } from '@/lib/api/use-exports';
import type { ExportKind, ExportTask } from '@/lib/exports/schemas';
import { errorSummary } from './api-error-details';
import { periodLabel } from './task-display';
import { notify } from '@/components/ui/notices';

interface DeleteTaskDialogProps {
  kind: ExportKind;
  /** The task to delete; the dialog is open while there is one. */
  task: ExportTask | null;
  timeZone: string;
  onClose: () => void;
  /** After a delete its row is gone, and so is the button that opened the dialog: focus goes here instead. */
  focusAfterDelete: RefObject<HTMLElement | null>;
}

/** Asks before deleting a task, deletes it, and says how that went. */
export function DeleteTaskDialog({ kind, task, timeZone, onClose, focusAfterDelete }: DeleteTaskDialogProps) {
  const remove = useDeleteExport(kind);
  const deleted = useRef(false);

  function confirm(target: ExportTask) {
    remove.mutate(target, {
      onSuccess: () => {
        notify.success(`Deleted “${target.name}”`);
        deleted.current = true;
        onClose();
      },
      onError: (error) => {
        notify.error(`Could not delete “${target.name}”`, { description: errorSummary(toApiError(error)) });
        onClose();
      },
    });
  }

  return (
    <ConfirmDialog
      open={task !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Delete this export?"
      confirmLabel="Delete"
      destructive
      busy={remove.isPending}
      onConfirm={() => (task ? confirm(task) : undefined)}
      returnFocusTo={() => {
        const afterDelete = deleted.current;
        deleted.current = false;
        return afterDelete ? focusAfterDelete.current : null;
      }}
    >
      {task ? (
        <p>
          “{task.name}” ({periodLabel(task, timeZone)}) will be removed from CDN and its file can no longer be downloaded.
          This cannot be undone.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}

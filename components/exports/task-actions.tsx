'use client';

import { Button, buttonClasses } from '@/components/ui/button';
import { DownloadIcon, RepeatIcon, TrashIcon } from '@/components/ui/icons';
import { downloadHref } from '@/lib/api/exports';
import { canCreate, canDelete } from '@/lib/exports/permissions';
import type { ExportTask } from '@/lib/exports/schemas';
import { useSessionUser } from '@/components/session/session-context';
import { downloadTask } from './download';

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

export interface TaskActionHandlers {
  onRunAgain: (task: ExportTask) => void;
  onDelete: (task: ExportTask) => void;
}

interface TaskActionsProps extends TaskActionHandlers {
  task: ExportTask;
}

/**
 * Download (when there is a file), Run again, Delete, placed so that a task turning Ready never moves the others:
 * Download comes first, in a slot that keeps its width, in a table row and in a card alike.
 * Only what the user's role allows is offered: Run again fills the form (operators and admins), Delete shows on the
 * tasks the user may delete (lib/exports/permissions.ts).
 */
export function TaskActions({ task, onRunAgain, onDelete }: TaskActionsProps) {
  const user = useSessionUser();
  // Outside a signed-in page (a component on its own) nothing is hidden: the server decides anyway.
  const mayRunAgain = user === null || canCreate(user);
  const mayDelete = user === null || canDelete(user, task);
  return (
    <div className="flex items-center justify-end gap-1">
      <span className="inline-flex w-[6.25rem] justify-end">
        {task.downloadable ? <DownloadLink task={task} /> : null}
      </span>
      {mayRunAgain ? (
        <Button size="sm" variant="ghost" onClick={() => onRunAgain(task)} aria-label={`Run again: ${task.name}`}>
          <RepeatIcon className="size-3.5" />
          Run again
        </Button>
      ) : null}
      {mayDelete ? (
        <Button
          size="icon-sm"
          variant="quiet-danger"
          onClick={() => onDelete(task)}
          aria-label={`Delete ${task.name}`}
          title="Delete"
        >
          <TrashIcon className="size-3.5" />
        </Button>
      ) : (
        // Keeps the row's buttons where they are, with or without a Delete.
        <span className="inline-block size-7" aria-hidden="true" />
      )}
    </div>
  );
}

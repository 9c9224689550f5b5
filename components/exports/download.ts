import { toApiError } from '@/lib/api/api-error';
import { checkDownload } from '@/lib/api/exports';
import type { ExportTask } from '@/lib/exports/schemas';
import { errorSummary } from './api-error-details';
import { notify } from '@/components/ui/notices';

/** Lets the browser follow a download link as if the user had clicked it. */
export function followDownloadLink(href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = '';
  link.click();
}

/** Starts a task's download from a click (the table's link, a notice's button); a refusal becomes a notice. */
export function downloadTask(task: Pick<ExportTask, 'kind' | 'id' | 'name'>): void {
  checkDownload(task.kind, task.id).then(followDownloadLink, (error: unknown) => {
    notify.error(`Could not download “${task.name}”`, { description: errorSummary(toApiError(error)) });
  });
}

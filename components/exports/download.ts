import { toast } from 'sonner';
import { toApiError } from '@/lib/api/api-error';
import { downloadExport } from '@/lib/api/exports';
import type { ExportTask } from '@/lib/exports/schemas';
import { errorSummary } from './api-error-details';

/** Starts a task's download from a click (the table's link, a notice's button); a refusal becomes a notice. */
export function downloadTask(task: Pick<ExportTask, 'kind' | 'id' | 'name'>): void {
  downloadExport(task.kind, task.id).catch((error: unknown) => {
    toast.error(`Could not download “${task.name}”`, { description: errorSummary(toApiError(error)) });
  });
}

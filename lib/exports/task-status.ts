/**
 * The wire keeps CDN's status words (lib/exports/schemas.ts, TASK_STATUSES), and CDN's `created` means "accepted,
 * file still being generated", not "done". Code asks these instead of comparing with `created`, and the UI's own
 * states never reuse CDN's words for another meaning.
 */
import type { ExportTask } from './schemas';

export function isGenerating(task: Pick<ExportTask, 'status'>): boolean {
  return task.status === 'created';
}

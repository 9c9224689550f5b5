'use client';

import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { downloadHref } from '@/lib/api/exports';
import type { ExportTaskPage, TaskStatus } from '@/lib/exports/schemas';
import { finishedSince } from './task-display';

/**
 * Announces tasks that finish while the page is open: "<name> is ready" with a Download action, or an error notice.
 * Only tasks this page saw generating count, so opening the page or paging to old tasks announces nothing.
 */
export function useTaskNotices(data: ExportTaskPage | undefined): void {
  const seen = useRef(new Map<string, TaskStatus>());

  useEffect(() => {
    if (!data) return;
    const { ready, failed } = finishedSince(seen.current, data.tasks);
    for (const task of data.tasks) seen.current.set(task.id, task.status);
    for (const task of ready) {
      toast.success(`${task.name} is ready`, {
        id: `ready-${task.id}`,
        duration: 10_000,
        action: {
          label: 'Download',
          // Navigating to the BFF's download route starts a download and leaves the page where it is.
          onClick: () => window.location.assign(downloadHref(task.kind, task.id)),
        },
      });
    }
    for (const task of failed) {
      toast.error(`${task.name} failed`, {
        id: `failed-${task.id}`,
        duration: 10_000,
        description: 'CDN could not generate the file. Use "Run again" in the table to try once more.',
      });
    }
  }, [data]);
}

'use client';

import { useEffect, useRef } from 'react';
import type { ExportTask, ExportTaskPage, TaskStatus } from '@/lib/exports/schemas';
import { downloadTask } from './download';
import { finishedSince } from './task-display';
import { notify } from '@/components/ui/notices';

/** More tasks than this finishing together get one notice between them: a stack of twenty helps nobody. */
const NOTICES_AT_ONCE = 3;
const NOTICE_MS = 10_000;
const FAILED_HINT = 'Use "Run again" in the table to try once more.';

function announce(tasks: ExportTask[], many: (count: number) => void, one: (task: ExportTask) => void): void {
  if (tasks.length > NOTICES_AT_ONCE) many(tasks.length);
  else tasks.forEach(one);
}

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
    announce(
      ready,
      (count) => notify.success(`${count} exports are ready`, { duration: NOTICE_MS, description: 'Download them from the table.' }),
      (task) =>
        notify.success(`${task.name} is ready`, {
          id: `ready-${task.id}`,
          duration: NOTICE_MS,
          action: { label: 'Download', onClick: () => downloadTask(task) },
        }),
    );
    announce(
      failed,
      (count) =>
        notify.error(`${count} exports failed`, {
          duration: NOTICE_MS,
          description: `CDN could not generate their files. ${FAILED_HINT}`,
        }),
      (task) =>
        notify.error(`${task.name} failed`, {
          id: `failed-${task.id}`,
          duration: NOTICE_MS,
          description: `CDN could not generate the file. ${FAILED_HINT}`,
        }),
    );
  }, [data]);
}

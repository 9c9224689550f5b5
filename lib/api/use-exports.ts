'use client';
/**
 * The hooks every component uses for export tasks: the list, and the two changes. The mutations own what a change
 * does to the cache (a created task shows at once, a kind's lists are refetched after any change) and the
 * Idempotency-Key bookkeeping, so that a component only says what to tell the user.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateExportInput, ExportKind, ExportTask, ExportTaskPage, ListQuery } from '@/lib/exports/schemas';
import { toApiError } from './api-error';
import {
  createExport,
  deleteExport,
  exportKeys,
  exportListQueryOptions,
  withCreatedTasks,
} from './exports';
import type { SubmissionKeys } from './submission-keys';

export function useExportList(params: ListQuery) {
  return useQuery(exportListQueryOptions(params));
}

/**
 * Creates one task per call. `keys` gives each body its Idempotency-Key and keeps it while the outcome is unknown, so
 * that sending the same body again cannot make a second task; share one SubmissionKeys between every place that can
 * send the same body.
 */
export function useCreateExport(kind: ExportKind, keys: SubmissionKeys) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExportInput) => createExport(body, keys.keyFor(body)),
    onSuccess: (created, body) => {
      keys.settle(body, false);
      const nowIso = new Date().toISOString();
      queryClient.setQueriesData<ExportTaskPage>({ queryKey: exportKeys.listsOfKind(kind) }, (page) =>
        page ? withCreatedTasks(page, [created.task], nowIso) : page,
      );
      void queryClient.invalidateQueries({ queryKey: exportKeys.listsOfKind(kind) });
    },
    onError: (error, body) => keys.settle(body, toApiError(error).outcomeUnknown),
  });
}

export function useDeleteExport(kind: ExportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: ExportTask) => deleteExport(task.kind, task.id),
    // Gone or not, the list is refreshed: a 404 means someone else deleted it already.
    onSettled: () => queryClient.invalidateQueries({ queryKey: exportKeys.listsOfKind(kind) }),
  });
}

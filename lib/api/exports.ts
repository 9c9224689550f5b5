/**
 * Fetchers and TanStack Query options for the export tasks: one fetcher per endpoint, one key factory, so that every
 * component asks for the same data the same way and invalidation can target exactly what changed.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  createdExportSchema,
  exportTaskPageSchema,
  type CreateExportInput,
  type CreatedExport,
  type ExportKind,
  type ExportTaskPage,
} from '@/lib/exports/schemas';
import { isApiError } from './api-error';
import { requestJson, requestNoContent } from './http';

export interface ListParams {
  kind: ExportKind;
  page: number;
  size: number;
}

/** How often the table asks again while a task on screen is still being generated. */
export const POLL_INTERVAL_MS = 3000;

export const exportKeys = {
  all: ['exports'] as const,
  lists: () => [...exportKeys.all, 'list'] as const,
  listsOfKind: (kind: ExportKind) => [...exportKeys.lists(), kind] as const,
  list: ({ kind, page, size }: ListParams) => [...exportKeys.listsOfKind(kind), { page, size }] as const,
};

export function fetchExportPage(params: ListParams, signal?: AbortSignal): Promise<ExportTaskPage> {
  const query = new URLSearchParams({ kind: params.kind, page: String(params.page), size: String(params.size) });
  return requestJson(`/api/exports?${query.toString()}`, { method: 'GET', signal }, exportTaskPageSchema);
}

export function createExport(body: CreateExportInput, idempotencyKey: string): Promise<CreatedExport> {
  return requestJson(
    '/api/exports',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    },
    createdExportSchema,
  );
}

export function deleteExport(kind: ExportKind, id: string): Promise<void> {
  return requestNoContent(`/api/exports/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * The link behind a Download button. It points at the BFF, which asks CDN for a fresh URL on every click and
 * redirects to it; the signed URL itself never reaches the page's markup or state.
 */
export function downloadHref(kind: ExportKind, id: string): string {
  return `/api/exports/${kind}/${encodeURIComponent(id)}/download`;
}

/**
 * Poll only while something on screen can still change, and not after a failed fetch: the user retries by hand then,
 * rather than the page hammering an upstream that is already struggling.
 */
export function pollInterval(data: ExportTaskPage | undefined, failed = false): number | false {
  if (failed || !data) return false;
  return data.tasks.some((task) => task.status === 'created') ? POLL_INTERVAL_MS : false;
}

export function exportListQueryOptions(params: ListParams) {
  return queryOptions({
    queryKey: exportKeys.list(params),
    queryFn: ({ signal }) => fetchExportPage(params, signal),
    // Paging keeps the old rows on screen until the next page arrives, so the table never collapses to a skeleton.
    placeholderData: keepPreviousData,
    refetchInterval: (query) => pollInterval(query.state.data, query.state.status === 'error'),
    // A hidden tab does not need fresh rows; polling resumes (and refetches) when it becomes visible again.
    refetchIntervalInBackground: false,
  });
}

/**
 * The BFF already retries the upstream within its own time budget, so an answer it gives is final. Only a request
 * that got no answer at all is worth one more try from here.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return isApiError(error) && error.status === null && failureCount < 2;
}

/**
 * Fetchers and TanStack Query options for the export tasks: one fetcher per endpoint, one key factory, so that every
 * component asks for the same data the same way and invalidation can target exactly what changed.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ExportKind } from '@/lib/exports/kinds-and-limits';
import type { CreateExportInput, CreatedExport, ExportTask, ExportTaskPage, ListQuery } from '@/lib/exports/schemas';
import { isGenerating } from '@/lib/exports/task-status';
import { isApiError } from './api-error';
import { errorFromResponse, requestJson, requestNoContent, sendRequest } from './http';

/** How often the table asks again while a task on screen is still being generated. */
export const POLL_INTERVAL_MS = 3000;
/** The longest wait between two attempts while the list keeps failing. */
export const POLL_BACKOFF_MAX_MS = 60_000;

export const exportKeys = {
  all: ['exports'] as const,
  lists: () => [...exportKeys.all, 'list'] as const,
  listsOfKind: (kind: ExportKind) => [...exportKeys.lists(), kind] as const,
  list: ({ kind, page, size }: ListQuery) => [...exportKeys.listsOfKind(kind), { page, size }] as const,
};

export function fetchExportPage(params: ListQuery, signal?: AbortSignal): Promise<ExportTaskPage> {
  const query = new URLSearchParams({ kind: params.kind, page: String(params.page), size: String(params.size) });
  return requestJson(`/api/exports?${query.toString()}`, { method: 'GET', signal }, (schemas) => schemas.exportTaskPageSchema);
}

export function createExport(body: CreateExportInput, idempotencyKey: string): Promise<CreatedExport> {
  return requestJson(
    '/api/exports',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    },
    (schemas) => schemas.createdExportSchema,
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
 * Checks that a task's file can be downloaded now and gives the link for the browser to follow, or throws an ApiError
 * saying why not. A plain navigation to a failing download route would leave the user with a broken "download.json"
 * and no message, so the route is asked first in its check mode (204 when the file can be had, no URL handed out),
 * and only then does the browser go (asking the BFF once more, so the URL it follows is as fresh as can be).
 */
export async function checkDownload(kind: ExportKind, id: string): Promise<string> {
  const href = downloadHref(kind, id);
  // `?check` answers 204 when the file can be had, without handing out its URL (or logging a download).
  const res = await sendRequest(`${href}?check`, { method: 'GET' });
  if (!res.ok) throw await errorFromResponse(res);
  return href;
}

/**
 * Poll only while something on screen can still change. After a failed refresh it keeps trying, waiting about as
 * long as the list has been failing (3 s, 6 s, 12 s … up to a minute), so the page recovers by itself once the
 * upstream does, without hammering it while it is down.
 */
export function pollInterval(data: ExportTaskPage | undefined, failingForMs = 0): number | false {
  if (!data || !data.tasks.some(isGenerating)) return false;
  return Math.min(Math.max(POLL_INTERVAL_MS, failingForMs), POLL_BACKOFF_MAX_MS);
}

export function exportListQueryOptions(params: ListQuery) {
  return queryOptions({
    queryKey: exportKeys.list(params),
    queryFn: ({ signal }) => fetchExportPage(params, signal),
    // Paging keeps the old rows on screen until the next page arrives, so the table never collapses to a skeleton.
    placeholderData: keepPreviousData,
    refetchInterval: ({ state }) =>
      pollInterval(state.data, state.status === 'error' ? state.errorUpdatedAt - state.dataUpdatedAt : 0),
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

/**
 * The page as it will look once the list catches up: new tasks first, as generating (CDN's `created`). Lets the new
 * row appear the moment the create answers, before the refetch that confirms it.
 */
export function withCreatedTasks(
  page: ExportTaskPage,
  created: readonly CreatedExport['task'][],
  nowIso: string,
): ExportTaskPage {
  if (page.page !== 1) return page;
  const known = new Set(page.tasks.map((task) => task.id));
  const fresh: ExportTask[] = created
    .filter((task) => task.kind === page.kind && !known.has(task.id))
    .map((task): ExportTask => ({ ...task, status: 'created', createdAt: nowIso, updatedAt: nowIso, downloadable: false }))
    .reverse();
  if (fresh.length === 0) return page;
  return { ...page, total: page.total + fresh.length, tasks: [...fresh, ...page.tasks].slice(0, page.size) };
}

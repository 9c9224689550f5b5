/**
 * The activity log for admins: one page of entries, and the link of its CSV export.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { activityPageSchema, type ActivityPage } from '@/lib/exports/activity';
import { requestJson } from './http';

const activityKeys = {
  all: ['activity'] as const,
  page: (query: string) => [...activityKeys.all, query] as const,
};

/** `filters`: actor, action, kind, from, to as the API takes them; page and size are added here. */
function fetchActivityPage(filters: URLSearchParams, page: number, size: number, signal?: AbortSignal): Promise<ActivityPage> {
  const query = new URLSearchParams(filters);
  query.set('page', String(page));
  query.set('size', String(size));
  return requestJson(`/api/activity?${query.toString()}`, { method: 'GET', signal }, () => activityPageSchema);
}

export function activityPageQueryOptions(filters: URLSearchParams, page: number, size: number) {
  return queryOptions({
    queryKey: activityKeys.page(`${filters.toString()}|${page}|${size}`),
    queryFn: ({ signal }) => fetchActivityPage(filters, page, size, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every entry matching the filters, as CSV (the server streams it). */
export function activityExportHref(filters: URLSearchParams): string {
  const query = filters.toString();
  return `/api/activity/export${query ? `?${query}` : ''}`;
}

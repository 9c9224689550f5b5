/** The header's upstream indicator: whether the BFF can reach CDN right now. */
import { queryOptions } from '@tanstack/react-query';
import type { Health } from '@/lib/exports/schemas';
import { errorFromResponse, parseBody, sendRequest } from './http';

const healthKeys = { all: ['health'] as const };

export const HEALTH_INTERVAL_MS = 30_000;

export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const res = await sendRequest('/api/health', { method: 'GET', signal });
  // 503 is a valid answer here: "the upstream did not answer", in the same shape as a 200.
  if (res.ok || res.status === 503) return parseBody(res, (schemas) => schemas.healthSchema);
  throw await errorFromResponse(res);
}

export function healthQueryOptions() {
  return queryOptions({
    queryKey: healthKeys.all,
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: HEALTH_INTERVAL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
}

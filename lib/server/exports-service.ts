import 'server-only';
/**
 * What the routes do, without HTTP: list, create, delete, find a download URL, probe the upstream. This is where the
 * policies meet: every upstream call waits for its turn in the shared limiter; reads are retried on transient failures
 * within a time budget; writes are retried only on clear refusals (a create that may have happened is never sent
 * twice); lists are coalesced and briefly cached, and a change of a kind drops that kind's cached pages.
 * Failures leave here in the domain's words (UpstreamError, TaskUnavailableError, RateLimitedError); error-mapping.ts
 * alone turns them into HTTP answers.
 */
import type { CreatedExport, CreateExportInput, ExportKind, ExportTaskPage, Health, ListQuery } from '@/lib/exports/schemas';
import { isGenerating } from '@/lib/exports/task-status';
import type { CdnClient } from './cdn-client';
import { TaskUnavailableError } from './domain-errors';
import { ListCache } from './list-cache';
import { isSafeDownloadUrl, taskNameFor, type TaskPageWithUrls } from './mappers';
import type { RateLimiter } from './rate-limiter';
import {
  READ_RETRY_POLICY,
  WRITE_RETRY_POLICY,
  realRetryDeps,
  withRetries,
  type RetryDecision,
  type RetryDeps,
  type RetryPolicy,
} from './retry-policy';
import { UpstreamError, isThrottlingCode } from './upstream-error';

/** Page size for walking the list in search of one task: CDN's largest. */
const DOWNLOAD_PAGE_SIZE = 50;
/** CDN keeps three months of tasks; 40 pages of 50 covers 2000 of them, more than a sane account makes. */
const DOWNLOAD_MAX_PAGES = 40;

export interface ExportsServiceDeps {
  client: CdnClient;
  limiter: RateLimiter;
  timeZone: string;
  listCacheMs: number;
  readTimeoutMs: number;
  readPolicy?: RetryPolicy;
  writePolicy?: RetryPolicy;
  retryDeps?: RetryDeps;
}

/** Reads may be repeated freely: retry whatever may pass on a second try. */
function decideReadRetry(error: unknown): RetryDecision {
  if (!(error instanceof UpstreamError)) return { retry: false };
  switch (error.failure) {
    case 'timeout':
    case 'unreachable':
      return { retry: error.code !== 'CredentialsUnavailable' };
    case 'malformed':
      return { retry: false };
    case 'answered':
      if (isThrottlingCode(error.code)) return { retry: true, minDelayMs: error.retryAfterMs };
      return { retry: error.code === 'ServiceUnavailable' || error.code === 'InternalError' || (error.httpStatus ?? 0) >= 500 };
  }
}

/**
 * Writes are repeated only when CDN certainly did nothing: it refused with Throttling, or no connection was made at
 * all. After a timeout or a dropped connection the task may exist, so the user is told to check instead.
 */
function decideWriteRetry(error: unknown): RetryDecision {
  if (!(error instanceof UpstreamError)) return { retry: false };
  if (error.failure === 'answered' && isThrottlingCode(error.code)) return { retry: true, minDelayMs: error.retryAfterMs };
  if (error.failure === 'unreachable' && !error.outcomeUnknown && error.code !== 'CredentialsUnavailable') return { retry: true };
  return { retry: false };
}

export function createExportsService(deps: ExportsServiceDeps) {
  const retryDeps = deps.retryDeps ?? realRetryDeps;
  const readPolicy = deps.readPolicy ?? READ_RETRY_POLICY;
  const writePolicy = deps.writePolicy ?? WRITE_RETRY_POLICY;
  const cache = new ListCache<ExportKind, TaskPageWithUrls>(deps.listCacheMs);
  // A health check is polled by monitors that give up after a few seconds themselves.
  const probeTimeoutMs = Math.min(3000, deps.readTimeoutMs);

  /** One attempt: its turn in the limiter first, then the call with what is left of the attempt's time. */
  async function limited<T>(timeLeftMs: number, run: (deadlineMs: number) => Promise<T>): Promise<T> {
    const waitStart = retryDeps.now();
    await deps.limiter.acquire();
    const left = timeLeftMs - (retryDeps.now() - waitStart);
    // The attempt's deadline never exceeds the SDK's own read timeout by much: the SDK's timer normally fires first.
    return run(Math.max(1, Math.min(left, deps.readTimeoutMs + 500)));
  }

  /** A page as this server keeps it (with download URLs), from the cache when fresh enough. */
  function page(kind: ExportKind, pageNumber: number, size: number, maxAgeMs?: number): Promise<TaskPageWithUrls> {
    return cache.get(
      kind,
      `${pageNumber}:${size}`,
      () =>
        withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) =>
              deps.client.listTasks({ kind, page: pageNumber, size }, { attempt, deadlineMs }),
            ),
          decideReadRetry,
          readPolicy,
          retryDeps,
        ),
      maxAgeMs,
    );
  }

  return {
    async list(query: ListQuery): Promise<ExportTaskPage> {
      return (await page(query.kind, query.page, query.size)).page;
    },

    async create(input: CreateExportInput): Promise<CreatedExport> {
      const name = taskNameFor(input, deps.timeZone);
      try {
        const created = await withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) => deps.client.createTask({ ...input, name }, { attempt, deadlineMs })),
          decideWriteRetry,
          writePolicy,
          retryDeps,
        );
        return { task: created.task, ...(created.requestId ? { requestId: created.requestId } : {}) };
      } finally {
        // Also after a failure: a create without an answer may still have made a task, which the list should show.
        cache.invalidate(input.kind);
      }
    },

    async remove(kind: ExportKind, id: string): Promise<void> {
      try {
        await withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) => deps.client.deleteTask({ kind, id }, { attempt, deadlineMs })),
          decideWriteRetry,
          writePolicy,
          retryDeps,
        );
      } finally {
        cache.invalidate(kind);
      }
    },

    /**
     * The URL to send the browser to. CDN has no "get task": walk the list (through the cache, so the URL is at most
     * CDN_LIST_CACHE_MS old) until the task turns up or the list ends.
     */
    async downloadUrl(kind: ExportKind, id: string): Promise<string> {
      for (let n = 1; n <= DOWNLOAD_MAX_PAGES; n++) {
        let current = await page(kind, n, DOWNLOAD_PAGE_SIZE);
        let task = current.page.tasks.find((t) => t.id === id);
        if (task && isGenerating(task)) {
          // The cached page may predate the task's completion by a second or two: ask CDN itself once.
          current = await page(kind, n, DOWNLOAD_PAGE_SIZE, 0);
          task = current.page.tasks.find((t) => t.id === id) ?? task;
        }
        if (task) {
          if (isGenerating(task)) throw new TaskUnavailableError('notReady');
          if (task.status === 'failed') throw new TaskUnavailableError('failed');
          const url = current.downloadUrls.get(id);
          if (!url || !isSafeDownloadUrl(url)) throw new TaskUnavailableError('noDownloadUrl', current.requestId);
          return url;
        }
        if (current.page.tasks.length === 0 || n * DOWNLOAD_PAGE_SIZE >= current.page.total) break;
      }
      throw new TaskUnavailableError('notFound');
    },

    /** Asks CDN for the smallest list page, past the cache: any answer, even an error code, means it is reachable. */
    async health(): Promise<Health> {
      await deps.limiter.acquire();
      const started = retryDeps.now();
      try {
        await deps.client.listTasks({ kind: 'summary', page: 1, size: 1 }, { attempt: 1, deadlineMs: probeTimeoutMs });
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        const reachable = error.failure === 'answered' || error.failure === 'malformed';
        if (!reachable) return { status: 'unavailable', upstream: { reachable: false, latencyMs: null } };
      }
      const latencyMs = Math.round(retryDeps.now() - started);
      return { status: 'ok', upstream: { reachable: true, latencyMs } };
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;

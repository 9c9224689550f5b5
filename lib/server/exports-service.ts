import 'server-only';
/**
 * What the routes do, without HTTP: list, create, delete, find a download URL, probe the upstream. This is where the
 * policies meet: every upstream call waits for its turn in the shared limiter; reads are retried on transient failures
 * within a time budget; writes are retried only on clear refusals (a create that may have happened is never sent
 * twice); lists are coalesced and briefly cached, and a change of a kind drops that kind's cached pages.
 * Failures leave here in the domain's words (UpstreamError, TaskUnavailableError, RateLimitedError); error-mapping.ts
 * alone turns them into HTTP answers.
 */
import type { CreatedExport, CreateExportInput, ExportKind, ExportTask, ExportTaskPage, Health, ListQuery } from '@/lib/exports/schemas';
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
/** A task made by an attempt that began moments ago is among the newest: three pages of 50 are plenty. */
const FIND_CREATED_MAX_PAGES = 3;
/** CDN's times have whole seconds: a task made in the second the attempt began may read as that second's start. */
const CREATED_AT_SLACK_MS = 1000;

/** Who an upstream call is made for: the limiter's per-user share counts it against them. */
export interface Caller {
  userId: string;
}

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
  async function limited<T>(timeLeftMs: number, run: (deadlineMs: number) => Promise<T>, caller?: Caller): Promise<T> {
    const waitStart = retryDeps.now();
    await deps.limiter.acquire(caller?.userId);
    const left = timeLeftMs - (retryDeps.now() - waitStart);
    // The attempt's deadline never exceeds the SDK's own read timeout by much: the SDK's timer normally fires first.
    return run(Math.max(1, Math.min(left, deps.readTimeoutMs + 500)));
  }

  /** A page as this server keeps it (with download URLs), from the cache when fresh enough. */
  function page(kind: ExportKind, pageNumber: number, size: number, maxAgeMs?: number, caller?: Caller): Promise<TaskPageWithUrls> {
    return cache.get(
      kind,
      `${pageNumber}:${size}`,
      () =>
        withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) =>
              deps.client.listTasks({ kind, page: pageNumber, size }, { attempt, deadlineMs }),
              caller,
            ),
          decideReadRetry,
          readPolicy,
          retryDeps,
        ),
      maxAgeMs,
    );
  }

  return {
    async list(query: ListQuery, caller?: Caller): Promise<ExportTaskPage> {
      return (await page(query.kind, query.page, query.size, undefined, caller)).page;
    },

    async create(input: CreateExportInput, caller?: Caller): Promise<CreatedExport> {
      const name = taskNameFor(input, deps.timeZone);
      try {
        const created = await withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) => deps.client.createTask({ ...input, name }, { attempt, deadlineMs }), caller),
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

    async remove(kind: ExportKind, id: string, caller?: Caller): Promise<void> {
      try {
        await withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) => deps.client.deleteTask({ kind, id }, { attempt, deadlineMs }), caller),
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
    async downloadUrl(kind: ExportKind, id: string, caller?: Caller): Promise<string> {
      for (let n = 1; n <= DOWNLOAD_MAX_PAGES; n++) {
        let current = await page(kind, n, DOWNLOAD_PAGE_SIZE, undefined, caller);
        let task = current.page.tasks.find((t) => t.id === id);
        if (task && isGenerating(task)) {
          // The cached page may predate the task's completion by a second or two: ask CDN itself once.
          current = await page(kind, n, DOWNLOAD_PAGE_SIZE, 0, caller);
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

    /**
     * After a create whose outcome is unknown (CDN may have made the task): the task that attempt made, if CDN's list
     * shows it: same kind, name and period, made after `startedAt`. Reads the newest pages afresh (never the cache).
     * `listedAt` is when the read began: null found after a read that began after the attempt ended means "not made".
     */
    async findCreated(
      input: CreateExportInput,
      attempt: { startedAt: Date },
      caller?: Caller,
    ): Promise<{ task: ExportTask | null; listedAt: Date; requestId: string | undefined }> {
      const name = taskNameFor(input, deps.timeZone);
      const listedAt = new Date();
      const since = attempt.startedAt.getTime() - CREATED_AT_SLACK_MS;
      for (let n = 1; n <= FIND_CREATED_MAX_PAGES; n++) {
        const current = await page(input.kind, n, DOWNLOAD_PAGE_SIZE, 0, caller);
        const task = current.page.tasks.find(
          (t) =>
            t.name === name &&
            t.startTime === input.startTime &&
            t.endTime === input.endTime &&
            Date.parse(t.createdAt) >= since,
        );
        if (task) return { task, listedAt, requestId: current.requestId };
        // Newest first: once a page reaches tasks older than the attempt, no later page can hold it.
        const oldest = current.page.tasks.at(-1);
        if (!oldest || Date.parse(oldest.createdAt) < since || n * DOWNLOAD_PAGE_SIZE >= current.page.total) break;
      }
      return { task: null, listedAt, requestId: undefined };
    },

    /** Asks CDN for the smallest list page, past the cache: any answer, even an error code, means it is reachable. */
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the shared signature; a probe counts against no user
    async health(caller?: Caller): Promise<Health> {
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

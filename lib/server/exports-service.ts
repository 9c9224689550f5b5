import 'server-only';
/**
 * What the routes do, without HTTP: list, create, delete, find a download URL, probe the upstream. This is where the
 * policies meet: every upstream call waits for its turn in the shared limiter; reads are retried on transient failures
 * within a time budget; writes are retried only on clear refusals (a create that may have happened is never sent
 * twice); lists are coalesced and briefly cached, and a change of a kind drops that kind's cached pages, on this
 * replica at once and on every other through `changes` (the store's LISTEN/NOTIFY).
 * Failures leave here in the domain's words (UpstreamError, TaskUnavailableError, RateLimitedError); error-mapping.ts
 * alone turns them into HTTP answers.
 */
import { EXPORT_KINDS, type CreatedExport, type CreateExportInput, type ExportKind, type ExportTask, type ExportTaskPage, type Health, type ListQuery } from '@/lib/exports/schemas';
import { isGenerating } from '@/lib/exports/task-status';
import type { CdnClient } from './cdn-client';
import { TaskUnavailableError } from './domain-errors';
import { checkDownloadUrl, HTTPS_ANYWHERE, type DownloadUrlPolicy } from './download-url';
import { ListCache } from './list-cache';
import { logWarning } from './log';
import { taskNameFor, type TaskPageWithUrls } from './mappers';
import { RateLimitedError } from './rate-limiter';
import {
  READ_RETRY_POLICY,
  WRITE_RETRY_POLICY,
  realRetryDeps,
  withRetries,
  type RetryDecision,
  type RetryDeps,
  type RetryPolicy,
} from './retry-policy';
import { UpstreamError, isThrottlingCode, upstreamTimeout } from './upstream-error';

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

/** With the limiter full, an upstream answer (or silence) this recent says as much as a probe would. */
const HEALTH_EVIDENCE_MS = 5000;

/** `promise`, or an upstream timeout when `ms` passes first (the caller's deadline, whoever started the call). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) return Promise.reject(upstreamTimeout());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(upstreamTimeout()), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** The in-process RateLimiter (rate-limiter.ts) or the store's SharedRateLimiter: both wait, then throw RateLimitedError. */
export interface CallLimiter {
  acquire(userId?: string): Promise<unknown>;
}

/**
 * How replicas tell each other that a kind's tasks changed (services.ts wires the store's notifyChanged/onChanged).
 * `notify` must not throw; `subscribe`'s listener gets `null` when anything may have changed.
 */
export interface ChangeFeed {
  notify(kind: ExportKind): void;
  subscribe(listener: (kind: ExportKind | null) => void): void;
}

export interface ExportsServiceDeps {
  client: CdnClient;
  limiter: CallLimiter;
  timeZone: string;
  listCacheMs: number;
  readTimeoutMs: number;
  /** Which download URLs may be passed on (download-url.ts); https to any host by default. */
  downloadPolicy?: DownloadUrlPolicy;
  changes?: ChangeFeed;
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
  const downloadPolicy = deps.downloadPolicy ?? HTTPS_ANYWHERE;
  const cache = new ListCache<ExportKind, TaskPageWithUrls>(deps.listCacheMs);
  // A health check is polled by monitors that give up after a few seconds themselves.
  const probeTimeoutMs = Math.min(3000, deps.readTimeoutMs);

  /** The last word from the upstream on any call: what health says when the limiter leaves it no call of its own. */
  let lastContact: { at: number; reachable: boolean; latencyMs: number | null } | null = null;
  const client: CdnClient = {
    listTasks: (query, options) => observed(() => deps.client.listTasks(query, options)),
    createTask: (input, options) => observed(() => deps.client.createTask(input, options)),
    deleteTask: (task, options) => observed(() => deps.client.deleteTask(task, options)),
  };
  async function observed<T>(call: () => Promise<T>): Promise<T> {
    const started = retryDeps.now();
    try {
      const value = await call();
      lastContact = { at: retryDeps.now(), reachable: true, latencyMs: Math.round(retryDeps.now() - started) };
      return value;
    } catch (error) {
      if (error instanceof UpstreamError) {
        const reachable = error.failure === 'answered' || error.failure === 'malformed';
        lastContact = { at: retryDeps.now(), reachable, latencyMs: reachable ? Math.round(retryDeps.now() - started) : null };
      }
      throw error;
    }
  }

  /** Drops this replica's cached pages of `kind` (null: of every kind). */
  function invalidate(kind: ExportKind | null): void {
    for (const k of kind === null ? EXPORT_KINDS : [kind]) cache.invalidate(k);
  }
  deps.changes?.subscribe(invalidate);
  /** A change here: drop the pages here at once, and tell the other replicas. */
  function changed(kind: ExportKind): void {
    invalidate(kind);
    deps.changes?.notify(kind);
  }

  /** One attempt: its turn in the limiter first, then the call with what is left of the attempt's time. */
  async function limited<T>(timeLeftMs: number, run: (deadlineMs: number) => Promise<T>, caller?: Caller): Promise<T> {
    const waitStart = retryDeps.now();
    await deps.limiter.acquire(caller?.userId);
    const left = timeLeftMs - (retryDeps.now() - waitStart);
    // The attempt's deadline never exceeds the SDK's own read timeout by much: the SDK's timer normally fires first.
    return run(Math.max(1, Math.min(left, deps.readTimeoutMs + 500)));
  }

  /** One list page from CDN itself: its turn in the limiter, retried within `policy`. */
  function fetchPage(kind: ExportKind, pageNumber: number, size: number, policy: RetryPolicy, caller?: Caller): Promise<TaskPageWithUrls> {
    return withRetries(
      (attempt, timeLeftMs) =>
        limited(timeLeftMs, (deadlineMs) => client.listTasks({ kind, page: pageNumber, size }, { attempt, deadlineMs }), caller),
      decideReadRetry,
      policy,
      retryDeps,
    );
  }

  /**
   * A page as this server keeps it (with download URLs), from the cache when fresh enough (`maxAgeMs`). `budgetMs`
   * caps the retries of a new call and the wait for one already in flight (a download's walk has one deadline for all
   * pages). `uncached` reads past the cache and past any call in flight, which may have begun before the caller's
   * moment of interest.
   */
  function page(
    kind: ExportKind,
    pageNumber: number,
    size: number,
    options: { maxAgeMs?: number; budgetMs?: number; caller?: Caller; uncached?: boolean } = {},
  ): Promise<TaskPageWithUrls> {
    const { maxAgeMs, budgetMs, caller } = options;
    if (budgetMs !== undefined && budgetMs <= 0) return Promise.reject(upstreamTimeout());
    const policy = budgetMs === undefined ? readPolicy : { ...readPolicy, budgetMs: Math.min(readPolicy.budgetMs, budgetMs) };
    const answer = options.uncached
      ? fetchPage(kind, pageNumber, size, policy, caller)
      : cache.get(kind, `${pageNumber}:${size}`, () => fetchPage(kind, pageNumber, size, policy, caller), maxAgeMs);
    return budgetMs === undefined ? answer : within(answer, budgetMs);
  }

  /** The upstream probe behind health(): the smallest list page, past the cache. */
  async function probe(): Promise<Health> {
    try {
      await deps.limiter.acquire();
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      // The budget is spent on other calls: their answers tell reachability as well as a probe would, and a monitor
      // must never see a 429 from health. Only without any recent word does the probe go out past the limiter
      // (coalesced and reused, so at most about one call a second).
      const recent = lastContact && retryDeps.now() - lastContact.at < HEALTH_EVIDENCE_MS ? lastContact : null;
      if (recent) {
        return recent.reachable
          ? { status: 'ok', upstream: { reachable: true, latencyMs: recent.latencyMs } }
          : { status: 'unavailable', upstream: { reachable: false, latencyMs: null } };
      }
    }
    const started = retryDeps.now();
    try {
      await client.listTasks({ kind: 'summary', page: 1, size: 1 }, { attempt: 1, deadlineMs: probeTimeoutMs });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      const reachable = error.failure === 'answered' || error.failure === 'malformed';
      if (!reachable) return { status: 'unavailable', upstream: { reachable: false, latencyMs: null } };
    }
    const latencyMs = Math.round(retryDeps.now() - started);
    return { status: 'ok', upstream: { reachable: true, latencyMs } };
  }
  let healthInFlight: Promise<Health> | null = null;

  return {
    async list(query: ListQuery, caller?: Caller): Promise<ExportTaskPage> {
      return (await page(query.kind, query.page, query.size, { caller })).page;
    },

    async create(input: CreateExportInput, caller?: Caller): Promise<CreatedExport> {
      const name = taskNameFor(input, deps.timeZone);
      try {
        const created = await withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) => client.createTask({ ...input, name }, { attempt, deadlineMs }), caller),
          decideWriteRetry,
          writePolicy,
          retryDeps,
        );
        return { task: created.task, ...(created.requestId ? { requestId: created.requestId } : {}) };
      } finally {
        // Also after a failure: a create without an answer may still have made a task, which the list should show.
        changed(input.kind);
      }
    },

    async remove(kind: ExportKind, id: string, caller?: Caller): Promise<void> {
      try {
        await withRetries(
          (attempt, timeLeftMs) =>
            limited(timeLeftMs, (deadlineMs) => client.deleteTask({ kind, id }, { attempt, deadlineMs }), caller),
          decideWriteRetry,
          writePolicy,
          retryDeps,
        );
      } finally {
        changed(kind);
      }
    },

    /**
     * The URL to send the browser to, normalised and checked (download-url.ts). CDN has no "get task": walk the list
     * (through the cache, so the URL is at most CDN_LIST_CACHE_MS old) until the task turns up or the list ends, all
     * pages within one read budget.
     */
    async downloadUrl(kind: ExportKind, id: string, caller?: Caller): Promise<string> {
      const walkStarted = retryDeps.now();
      const left = () => readPolicy.budgetMs - (retryDeps.now() - walkStarted);
      for (let n = 1; n <= DOWNLOAD_MAX_PAGES; n++) {
        let current = await page(kind, n, DOWNLOAD_PAGE_SIZE, { budgetMs: left(), caller });
        let task = current.page.tasks.find((t) => t.id === id);
        if (task && isGenerating(task)) {
          // The cached page may predate the task's completion by a second or two: ask CDN itself once.
          current = await page(kind, n, DOWNLOAD_PAGE_SIZE, { maxAgeMs: 0, budgetMs: left(), caller });
          task = current.page.tasks.find((t) => t.id === id) ?? task;
        }
        if (task) {
          if (isGenerating(task)) throw new TaskUnavailableError('notReady');
          if (task.status === 'failed') throw new TaskUnavailableError('failed');
          if (task.status === 'unknown') throw new TaskUnavailableError('unknownStatus', current.requestId);
          const checked = checkDownloadUrl(current.downloadUrls.get(id), downloadPolicy);
          if (!checked.ok) {
            // The reason only: the URL itself, refused or not, never reaches a log line.
            logWarning('cdn.download_url.refused', { kind, taskId: id, reason: checked.reason, requestId: current.requestId });
            throw new TaskUnavailableError('noDownloadUrl', current.requestId);
          }
          return checked.href;
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
        const current = await page(input.kind, n, DOWNLOAD_PAGE_SIZE, { uncached: true, caller });
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

    /**
     * Asks CDN for the smallest list page, past the cache: any answer, even an error code, means it is reachable.
     * Concurrent probes share one call (a monitor's answer is never older than the probe it waited for); a full
     * limiter never makes it a 429.
     */
    health(): Promise<Health> {
      healthInFlight ??= probe().finally(() => {
        healthInFlight = null;
      });
      return healthInFlight;
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;

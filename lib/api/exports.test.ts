import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportTask, ExportTaskPage } from '@/lib/exports/schemas';
import { ApiError } from './api-error';
import {
  createExport,
  deleteExport,
  checkDownload,
  downloadHref,
  exportKeys,
  fetchExportPage,
  pollInterval,
  POLL_BACKOFF_MAX_MS,
  POLL_INTERVAL_MS,
  shouldRetryQuery,
  withCreatedTasks,
} from './exports';
import { fetchHealth } from './health';

const page: ExportTaskPage = {
  kind: 'summary',
  page: 1,
  size: 20,
  total: 1,
  fetchedAt: '2026-11-23T02:00:00Z',
  tasks: [
    {
      id: 'abc',
      kind: 'summary',
      name: 'Usage history 2026-11-22',
      status: 'created',
      createdAt: '2026-11-23T01:59:00Z',
      updatedAt: '2026-11-23T01:59:00Z',
      startTime: '2026-11-21T16:00:00Z',
      endTime: '2026-11-22T15:59:59Z',
      downloadable: false,
    },
  ],
};

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(async () =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchExportPage', () => {
  it('asks for one page of one kind and parses the answer', async () => {
    const fetchMock = answer(200, page);
    await expect(fetchExportPage({ kind: 'summary', page: 2, size: 50 })).resolves.toEqual(page);
    expect(fetchMock).toHaveBeenCalledWith('/api/exports?kind=summary&page=2&size=50', expect.anything());
  });
  it('turns the documented error shape into an ApiError', async () => {
    answer(502, { error: { code: 'InternalError', message: 'CDN failed.', requestId: 'req-1' } });
    const error = await fetchExportPage({ kind: 'summary', page: 1, size: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, code: 'InternalError', message: 'CDN failed.', requestId: 'req-1' });
    expect((error as ApiError).outcomeUnknown).toBe(true);
  });
  it('reports an answer of the wrong shape instead of trusting it', async () => {
    answer(200, { tasks: 'nope' });
    await expect(fetchExportPage({ kind: 'summary', page: 1, size: 20 })).rejects.toMatchObject({
      code: 'InvalidResponse',
    });
  });
  it('reports an error page that is not JSON with its status', async () => {
    answer(500, '<html>oops</html>', { 'x-request-id': 'r-9' });
    await expect(fetchExportPage({ kind: 'summary', page: 1, size: 20 })).rejects.toMatchObject({
      status: 500,
      code: 'HTTP500',
      requestId: 'r-9',
    });
  });
  it('reports a request that got no answer as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = (await fetchExportPage({ kind: 'summary', page: 1, size: 20 }).catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: null, code: 'NetworkError' });
    expect(error.outcomeUnknown).toBe(true);
  });
});

describe('createExport', () => {
  it('sends the body with its Idempotency-Key and parses the created task', async () => {
    const created = { task: { id: 'n1', kind: 'summary', name: 'x', startTime: 'a', endTime: 'b' }, requestId: 'r' };
    const fetchMock = answer(201, created);
    const body = { kind: 'summary', startTime: '2026-11-21T16:00:00Z', endTime: '2026-11-22T15:59:59Z' } as const;
    await expect(createExport(body, 'key-1')).resolves.toEqual(created);
    const init = (fetchMock.mock.calls[0] as unknown[] | undefined)?.[1] as RequestInit;
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('idempotency-key')).toBe('key-1');
    expect(JSON.parse(String(init.body))).toEqual(body);
  });
  it('carries field errors and Retry-After', async () => {
    answer(400, { error: { code: 'InvalidParameter', message: 'Bad.', fields: { startTime: 'Too old.' } } });
    await expect(
      createExport({ kind: 'summary', startTime: 'a', endTime: 'b' }, 'k'),
    ).rejects.toMatchObject({ status: 400, fields: { startTime: 'Too old.' } });
    answer(429, { error: { code: 'Throttling', message: 'Slow down.' } }, { 'retry-after': '2' });
    const error = (await createExport({ kind: 'summary', startTime: 'a', endTime: 'b' }, 'k').catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.retryAfterS).toBe(2);
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe('deleteExport and downloadHref', () => {
  it('deletes by kind and id', async () => {
    const fetchMock = answer(204, undefined);
    await expect(deleteExport('detail', 'a/b')).resolves.toBeUndefined();
    expect(fetchMock).toHaveBeenCalledWith('/api/exports/detail/a%2Fb', expect.objectContaining({ method: 'DELETE' }));
  });
  it('links to the BFF, never to a signed URL', () => {
    expect(downloadHref('summary', 'abc')).toBe('/api/exports/summary/abc/download');
  });
});

describe('checkDownload', () => {
  it('asks the BFF in check mode (no URL handed out), then gives the link for the browser to follow', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(checkDownload('detail', '42')).resolves.toBe('/api/exports/detail/42/download');
    expect(fetchMock).toHaveBeenCalledWith('/api/exports/detail/42/download?check', expect.objectContaining({ method: 'GET' }));
  });
  it('reports a refusal with its code and request id', async () => {
    answer(502, { error: { code: 'InternalError', message: 'CDN failed.', requestId: 'req-d' } });
    await expect(checkDownload('summary', '7')).rejects.toMatchObject({ code: 'InternalError', requestId: 'req-d' });
  });
});

describe('fetchHealth', () => {
  it('reads the 503 answer as a health report', async () => {
    answer(503, { status: 'unavailable', upstream: { reachable: false, latencyMs: null } });
    await expect(fetchHealth()).resolves.toMatchObject({ upstream: { reachable: false } });
  });
});

describe('query policy', () => {
  it('keys lists by kind, then page and size', () => {
    expect(exportKeys.list({ kind: 'detail', page: 2, size: 50 })).toEqual([
      'exports',
      'list',
      'detail',
      { page: 2, size: 50 },
    ]);
    expect(exportKeys.list({ kind: 'detail', page: 2, size: 50 }).slice(0, 3)).toEqual(exportKeys.listsOfKind('detail'));
  });
  it('polls only while a task on screen is generating', () => {
    expect(pollInterval(page)).toBe(POLL_INTERVAL_MS);
    expect(pollInterval({ ...page, tasks: page.tasks.map((t) => ({ ...t, status: 'success' as const })) })).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });
  it('keeps trying after failures, waiting about as long as the list has been failing, up to a minute', () => {
    expect(pollInterval(page, 1000)).toBe(POLL_INTERVAL_MS);
    expect(pollInterval(page, 12_000)).toBe(12_000);
    expect(pollInterval(page, 10 * 60_000)).toBe(POLL_BACKOFF_MAX_MS);
    expect(pollInterval(undefined, 12_000)).toBe(false);
  });
  it('retries only requests that got no answer', () => {
    expect(shouldRetryQuery(0, new ApiError({ status: null, code: 'NetworkError', message: '' }))).toBe(true);
    expect(shouldRetryQuery(2, new ApiError({ status: null, code: 'NetworkError', message: '' }))).toBe(false);
    expect(shouldRetryQuery(0, new ApiError({ status: 502, code: 'InternalError', message: '' }))).toBe(false);
  });
});

const ready = (id: string): ExportTask => ({
  id,
  kind: 'summary',
  name: id,
  status: 'success',
  createdAt: '2026-11-23T01:00:00Z',
  updatedAt: '2026-11-23T01:00:00Z',
  startTime: '2026-10-31T16:00:00Z',
  endTime: '2026-11-30T15:59:59Z',
  downloadable: true,
});

describe('withCreatedTasks', () => {
  const base = { kind: 'summary' as const, page: 1, size: 2, total: 2, fetchedAt: 'f', tasks: [ready('a'), ready('b')] };
  const created = (id: string) => ({ id, kind: 'summary' as const, name: id, startTime: 's', endTime: 'e' });
  it('puts new tasks first as generating, newest first, within the page size', () => {
    const next = withCreatedTasks(base, [created('n1'), created('n2')], '2026-11-23T02:00:00Z');
    expect(next.tasks.map((t) => [t.id, t.status])).toEqual([
      ['n2', 'created'],
      ['n1', 'created'],
    ]);
    expect(next.total).toBe(4);
  });
  it('leaves other pages, other kinds and known tasks alone', () => {
    expect(withCreatedTasks({ ...base, page: 2 }, [created('n1')], 'now')).toEqual({ ...base, page: 2 });
    expect(withCreatedTasks(base, [created('a')], 'now')).toBe(base);
    expect(withCreatedTasks(base, [{ ...created('n'), kind: 'detail' }], 'now')).toBe(base);
  });
});

/**
 * The service against a tiny upstream that speaks CDN's list shape (through the official SDK, as in production), for
 * answers the emulator never gives: odd items, odd download URLs, many slow pages.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCdnClient, createSdkClient } from './cdn-client';
import { parseConfig } from './config';
import { createCredential } from './credentials';
import { TaskUnavailableError } from './domain-errors';
import { downloadUrlPolicy } from './download-url';
import { errorAnswer } from './error-mapping';
import { createExportsService, type ExportsServiceDeps } from './exports-service';
import { RateLimiter } from './rate-limiter';
import { UpstreamError } from './upstream-error';

type Item = Record<string, unknown>;

interface Upstream {
  url: string;
  calls: number;
  close(): Promise<void>;
}

/** Answers every call with `answer(pageNumber)` as a list body, after `delayMs`. */
async function startListUpstream(answer: (page: number) => { total: number; items: Item[] }, delayMs = 0): Promise<Upstream> {
  const upstream = { url: '', calls: 0, close: async () => undefined as void };
  const server = http.createServer((req, res) => {
    upstream.calls += 1;
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('PageNumber') ?? '1');
    const { total, items } = answer(page);
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ RequestId: `req-${page}`, UsageDataPerPage: { TotalCount: total, PageNumber: page, Data: { DataItem: items } } }));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // The SDK keeps its connections alive; an abandoned page may still be on its way.
      server.closeAllConnections();
    });
  return upstream;
}

const item = (id: string, status: unknown, extra: Item = {}): Item => ({
  TaskId: id,
  TaskName: `task ${id}`,
  Status: status,
  CreateTime: '2026-11-20T00:00:00Z',
  UpdateTime: '2026-11-20T00:05:00Z',
  TaskConfig: { StartTime: '2026-11-18T16:00:00Z', EndTime: '2026-11-19T15:59:59Z' },
  ...extra,
});

function serviceFor(upstream: Upstream, env: Record<string, string> = {}, deps: Partial<ExportsServiceDeps> = {}) {
  const config = parseConfig({ CDN_ENDPOINT: upstream.url, CDN_READ_TIMEOUT_MS: '1500', CDN_LIST_CACHE_MS: '0', ...env });
  const downloadPolicy = downloadUrlPolicy(config.cdn.url, config.downloadHosts);
  return createExportsService({
    client: createCdnClient(createSdkClient(config, createCredential()), config.reportTimeZone, { downloadPolicy }),
    limiter: new RateLimiter({ ratePerSecond: 50, maxWaitMs: 2000, maxQueue: 100 }),
    timeZone: config.reportTimeZone,
    listCacheMs: config.listCacheMs,
    readTimeoutMs: config.readTimeoutMs,
    downloadPolicy,
    ...deps,
  });
}

/** Everything the process logged while the test ran, on any channel. */
function capturedLogs(): () => string {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) vi.spyOn(console, method).mockImplementation(keep);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (keep(chunk), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (keep(chunk), true));
  return () => lines.join('\n');
}

let upstream: Upstream | undefined;
let logs: () => string;
beforeEach(() => {
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'test-key-id';
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'test-key-secret';
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
  logs = capturedLogs();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await upstream?.close();
  upstream = undefined;
});

describe('a list with one odd item', () => {
  it('keeps every readable item, shows an unknown status as such, drops only what cannot be shown, logs each oddity once', async () => {
    upstream = await startListUpstream(() => ({
      total: 3,
      items: [
        item('good-1', 'success', { DownloadUrl: 'https://files.example.com/a?Signature=s1' }),
        item('odd-1', 'exporting', { DownloadUrl: 'https://files.example.com/b?Signature=s2' }),
        item('', 'success'),
      ],
    }));
    const service = serviceFor(upstream);
    const first = await service.list({ kind: 'detail', page: 1, size: 20 });
    await service.list({ kind: 'detail', page: 1, size: 20 });
    expect(upstream.calls).toBe(2);
    expect(first.tasks.map((t) => [t.id, t.status, t.downloadable])).toEqual([
      ['good-1', 'success', true],
      ['odd-1', 'unknown', false],
    ]);
    const oddities = logs()
      .split('\n')
      .filter((line) => line.includes('cdn.list.oddity'));
    expect(oddities).toHaveLength(2);
    expect(oddities.join()).toContain('"detail":"exporting"');
    expect(oddities.join()).toContain('missingTaskId');

    // A task in an unknown state has no download, whatever URL came with it.
    const error = await service.downloadUrl('detail', 'odd-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskUnavailableError);
    expect(errorAnswer(error, 'read')).toMatchObject({ status: 409, body: { error: { code: 'TaskStatusUnknown' } } });
    expect(await service.downloadUrl('detail', 'good-1')).toBe('https://files.example.com/a?Signature=s1');
  });
});

describe('download redirects', () => {
  const SIG = 'S3cr3tSignatureValue';
  const withUrl = (url: string) => () => ({ total: 1, items: [item('t-1', 'success', { DownloadUrl: url })] });

  it('passes on the normalised URL to an allowed host', async () => {
    upstream = await startListUpstream(withUrl(`HTTPS://Files.Example.COM:443/a/./x.pdf?Expires=1&Signature=${SIG}`));
    const service = serviceFor(upstream, { CDN_DOWNLOAD_HOSTS: '*.example.com' });
    const url = await service.downloadUrl('summary', 't-1');
    expect(url).toBe(`https://files.example.com/a/x.pdf?Expires=1&Signature=${SIG}`);
    expect(() => new Response(null, { status: 302, headers: { Location: url } })).not.toThrow();
    expect(logs()).not.toContain(SIG);
    expect(logs()).not.toContain('files.example.com');
  });

  it.each([
    ['a host outside CDN_DOWNLOAD_HOSTS', `https://evil.example.net/x.pdf?Signature=${SIG}`],
    ['control characters', `https://files.example.com/x.pdf?Signature=${SIG}\r\nSet-Cookie: a=b`],
    ['plain http', `http://files.example.com/x.pdf?Signature=${SIG}`],
    ['credentials', `https://user:${SIG}@files.example.com/x.pdf`],
    ['no URL at all', ''],
  ])('refuses %s with 502 InvalidDownloadUrl, logging the reason but never the URL', async (_, url) => {
    upstream = await startListUpstream(withUrl(url));
    const service = serviceFor(upstream, { CDN_DOWNLOAD_HOSTS: 'files.example.com' });
    const error = await service.downloadUrl('summary', 't-1').catch((e: unknown) => e);
    expect(errorAnswer(error, 'read')).toMatchObject({ status: 502, body: { error: { code: 'InvalidDownloadUrl', requestId: 'req-1' } } });
    expect(logs()).toContain('cdn.download_url.refused');
    expect(logs()).not.toContain(SIG);
    expect(logs()).not.toContain('example.net');
  });

  it('walks the list pages within one read budget, however many pages there are', async () => {
    const pageOf = (page: number) => ({
      total: 1000,
      items: Array.from({ length: 50 }, (_, i) => item(`p${page}-${i}`, 'success', { DownloadUrl: 'https://files.example.com/x' })),
    });
    upstream = await startListUpstream(pageOf, 150);
    const budget = { baseMs: 10, capMs: 50, budgetMs: 700, minAttemptMs: 100, maxAttempts: 3 };
    const service = serviceFor(upstream, {}, { readPolicy: budget });
    const error = await service.downloadUrl('summary', 'not-there').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(errorAnswer(error, 'read').status).toBe(504);
    // 20 pages of 150 ms would be 3 s; the walk stopped at its deadline.
    expect(upstream.calls).toBeLessThan(20);
  });
});

describe('health', () => {
  it('answers in its own shape when the limiter is full, and concurrent probes share one upstream call', async () => {
    upstream = await startListUpstream(() => ({ total: 0, items: [] }), 50);
    const limiter = new RateLimiter({ ratePerSecond: 1, maxWaitMs: 0, maxQueue: 0 });
    const service = serviceFor(upstream, {}, { limiter });
    await limiter.acquire();
    const answers = await Promise.all(Array.from({ length: 5 }, () => service.health()));
    for (const answer of answers) expect(answer).toMatchObject({ status: 'ok', upstream: { reachable: true } });
    expect(upstream.calls).toBe(1);

    // With the budget still spent, the word from that call serves the next probe without another one.
    expect(await service.health()).toMatchObject({ status: 'ok', upstream: { reachable: true } });
    expect(upstream.calls).toBe(1);
  });
});

/**
 * The dashboard's HTTP API through real HTTP against the production build: success paths, input validation (always
 * before any upstream call), the origin check, idempotency, coalescing and the headers every answer carries.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { detail, errorOf, summary, unusedPages, upstreamCalls, yesterday } from './support/api';
import { emulator } from './support/emulator';
import { APP_URL, EMULATOR_URL } from './support/env';

const unusedPage = unusedPages(5000);

async function createTask(request: APIRequestContext, body: object = summary, headers: Record<string, string> = {}) {
  const res = await request.post('/api/exports', { data: body, headers });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { task: { id: string; kind: string; name: string; startTime: string; endTime: string }; requestId: string };
}

test.beforeEach(async () => {
  await emulator.reset();
  await emulator.clearFaults();
});

test.describe('success paths', () => {
  for (const [kind, body] of [
    ['summary', summary],
    ['detail', detail],
  ] as const) {
    test(`${kind}: create, list, download, delete`, async ({ request }) => {
      const { task, requestId } = await createTask(request, body);
      expect(task).toMatchObject({ kind, startTime: yesterday.startTime, endTime: yesterday.endTime });
      expect(task.name.length).toBeGreaterThan(0);
      expect(requestId).toBeTruthy();

      const listRes = await request.get(`/api/exports?kind=${kind}`);
      expect(listRes.status()).toBe(200);
      const listed = await listRes.json();
      expect(listed).toMatchObject({ kind, page: 1, size: 20, total: 1 });
      expect(listed.tasks[0]).toMatchObject({ id: task.id, kind, status: 'created', downloadable: false });
      expect(Date.parse(listed.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(JSON.stringify(listed)).not.toMatch(/Signature|_files|Expires/);

      const early = await request.get(`/api/exports/${kind}/${task.id}/download`, { maxRedirects: 0 });
      expect(early.status()).toBe(409);
      expect((await errorOf(early)).code).toBe('TaskNotReady');

      await expect
        .poll(async () => (await (await request.get(`/api/exports?kind=${kind}`)).json()).tasks[0].status, { timeout: 15_000 })
        .toBe('success');
      const redirect = await request.get(`/api/exports/${kind}/${task.id}/download`, { maxRedirects: 0 });
      expect(redirect.status()).toBe(302);
      expect(redirect.headers()['cache-control']).toBe('no-store');
      const location = redirect.headers()['location'] ?? '';
      expect(location.startsWith(EMULATOR_URL)).toBe(true);
      const file = await request.get(location);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-disposition']).toContain(kind === 'summary' ? '.pdf' : '.xlsx');

      const deleted = await request.delete(`/api/exports/${kind}/${task.id}`);
      expect(deleted.status()).toBe(204);
      const again = await request.delete(`/api/exports/${kind}/${task.id}`);
      expect(again.status()).toBe(404);
      expect(await errorOf(again)).toMatchObject({ code: 'TaskNotFound', requestId: expect.any(String) });
      expect((await request.get(`/api/exports/${kind}/${task.id}/download`, { maxRedirects: 0 })).status()).toBe(404);
    });
  }

  test('detail options, paging, and kinds kept apart', async ({ request }) => {
    await createTask(request, { ...detail, type: 'vas', domains: ['www.example.com', 'img.example.com'], name: 'Two domains', language: 'en-us' });
    await createTask(request, { ...detail, group: 'web' });
    const page2 = await (await request.get('/api/exports?kind=detail&page=2&size=1')).json();
    expect(page2).toMatchObject({ kind: 'detail', page: 2, size: 1, total: 2 });
    expect(page2.tasks).toHaveLength(1);
    const first = await (await request.get('/api/exports?kind=detail&size=50')).json();
    expect(first.tasks.map((t: { name: string }) => t.name)).toContain('Two domains');
    const summaries = await (await request.get(`/api/exports?kind=summary&page=${unusedPage()}`)).json();
    expect(summaries.total).toBe(0);
  });

  test('a wildcard domain is written with a leading dot, as CDN writes it; `*.` is refused before CDN', async ({ request }) => {
    await createTask(request, { ...detail, domains: ['.example.com'] });
    expect(await upstreamCalls('CreateUsageDetailDataExportTask')).toBe(1);
    const starred = await request.post('/api/exports', { data: { ...detail, domains: ['*.example.com'] } });
    expect(starred.status()).toBe(400);
    expect((await errorOf(starred)).fields?.domains).toContain('leading dot: ".example.com"');
    expect(await upstreamCalls('CreateUsageDetailDataExportTask')).toBe(1);
  });

  test('health', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', upstream: { reachable: true, latencyMs: expect.any(Number) } });
    expect(res.headers()['cache-control']).toBe('no-store');
  });
});

test.describe('validation: 400 with the field, before any upstream call', () => {
  const dayMs = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const start = Date.parse(yesterday.startTime);
  const bad: [string, unknown, string][] = [
    ['kind missing', { ...yesterday }, 'kind'],
    ['kind unknown', { ...summary, kind: 'pdf' }, 'kind'],
    ['start not a time', { ...summary, startTime: 'yesterday' }, 'startTime'],
    ['start with millis', { ...summary, startTime: iso(start).replace('Z', '.000Z') }, 'startTime'],
    ['start not UTC', { ...summary, startTime: iso(start).replace('Z', '+08:00') }, 'startTime'],
    ['end missing', { kind: 'summary', startTime: yesterday.startTime }, 'endTime'],
    ['end before start', { ...summary, startTime: yesterday.endTime, endTime: yesterday.startTime }, 'endTime'],
    ['over 31 days', { ...summary, startTime: iso(start - 40 * dayMs) }, 'endTime'],
    ['ends in the future', { ...summary, endTime: iso(start + 3 * dayMs) }, 'endTime'],
    ['over a year ago', { ...summary, startTime: iso(start - 400 * dayMs), endTime: iso(start - 399 * dayMs) }, 'startTime'],
    ['name too long', { ...summary, name: 'n'.repeat(101) }, 'name'],
    ['name not text', { ...summary, name: 42 }, 'name'],
    ['language', { ...summary, language: 'de' }, 'language'],
    ['unknown field', { ...summary, bucket: 'x' }, 'bucket'],
    ['summary with domains', { ...summary, domains: ['www.example.com'] }, 'domains'],
    ['detail without type', { ...yesterday, kind: 'detail' }, 'type'],
    ['detail bad type', { ...detail, type: 'traffic' }, 'type'],
    ['bad host name', { ...detail, domains: ['exa mple.com'] }, 'domains'],
    ['domains not a list', { ...detail, domains: 'www.example.com' }, 'domains'],
    ['empty domains', { ...detail, domains: [] }, 'domains'],
    ['101 domains', { ...detail, domains: Array.from({ length: 101 }, (_, i) => `d${i}.example.com`) }, 'domains'],
    ['domains and group', { ...detail, domains: ['www.example.com'], group: 'web' }, 'group'],
    ['group with a comma', { ...detail, group: 'a,b' }, 'group'],
    ['half a surrogate pair in name', { ...summary, name: 'report \ud800' }, 'name'],
    ['half a surrogate pair in group', { ...detail, group: '\udc00' }, 'group'],
    ['null body', null, 'body'],
    ['array body', [summary], 'body'],
    ['number body', 7, 'body'],
  ];
  for (const [label, body, field] of bad) {
    test(`create: ${label} → fields.${field}`, async ({ request }) => {
      const res = await request.post('/api/exports', {
        data: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status()).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('InvalidInput');
      expect(error.fields).toHaveProperty(field);
      expect(await upstreamCalls()).toBe(0);
    });
  }

  test('create: broken bodies never reach CDN and never 500', async ({ request }) => {
    const post = (data: string | Buffer, headers: Record<string, string>) => request.post('/api/exports', { data, headers });
    expect((await post('{"kind":"summary",', { 'content-type': 'application/json' })).status()).toBe(400);
    expect((await post('', { 'content-type': 'application/json' })).status()).toBe(400);
    expect((await post(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { 'content-type': 'application/json' })).status()).toBe(400);
    expect((await post(JSON.stringify(summary), { 'content-type': 'text/plain' })).status()).toBe(415);
    expect((await post(`kind=summary`, { 'content-type': 'application/x-www-form-urlencoded' })).status()).toBe(415);
    const huge = await post(JSON.stringify({ ...summary, name: 'x'.repeat(200_000) }), { 'content-type': 'application/json' });
    expect(huge.status()).toBe(413);
    expect((await errorOf(huge)).code).toBe('PayloadTooLarge');
    const badKey = await request.post('/api/exports', { data: summary, headers: { 'idempotency-key': 'k'.repeat(300) } });
    expect(badKey.status()).toBe(400);
    expect((await errorOf(badKey)).fields).toHaveProperty('Idempotency-Key');
    expect(await upstreamCalls()).toBe(0);
  });

  test('create: fields named like Object.prototype’s are named back', async ({ request }) => {
    const data = `{"__proto__":{"x":1},"constructor":2,"kind":"summary","startTime":"${yesterday.startTime}","endTime":"${yesterday.endTime}"}`;
    const res = await request.post('/api/exports', { data, headers: { 'content-type': 'application/json' } });
    expect(res.status()).toBe(400);
    const fields = (await errorOf(res)).fields ?? {};
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor']);
    expect(await upstreamCalls()).toBe(0);
  });

  test('list: every bad query', async ({ request }) => {
    for (const [query, field] of [
      ['', 'kind'],
      ['kind=', 'kind'],
      ['kind=SUMMARY', 'kind'],
      ['kind=summary&page=0', 'page'],
      ['kind=summary&page=100001', 'page'],
      ['kind=summary&page=2.5', 'page'],
      ['kind=summary&page=-3', 'page'],
      ['kind=summary&page=%20', 'page'],
      ['kind=summary&size=0', 'size'],
      ['kind=summary&size=51', 'size'],
      ['kind=summary&size=ten', 'size'],
      ['kind=summary&kind=detail', 'kind'],
      ['kind=detail&size=10&size=20', 'size'],
    ] as [string, string][]) {
      const res = await request.get(`/api/exports?${query}`);
      expect(res.status(), query).toBe(400);
      expect((await errorOf(res)).fields, query).toHaveProperty(field);
    }
    expect(await upstreamCalls()).toBe(0);
  });

  test('paths: malformed ids → 400, unknown kinds → 404', async ({ request }) => {
    for (const id of ['not%20an%20id', 'x'.repeat(65), 'a.b', 'abc%00', '1%2F2']) {
      expect((await request.delete(`/api/exports/summary/${id}`)).status(), id).toBe(400);
      expect((await request.get(`/api/exports/detail/${id}/download`, { maxRedirects: 0 })).status(), id).toBe(400);
    }
    for (const kind of ['other', 'Summary', 'details']) {
      const res = await request.delete(`/api/exports/${kind}/123`);
      expect(res.status(), kind).toBe(404);
      expect((await errorOf(res)).code).toBe('NotFound');
      expect((await request.get(`/api/exports/${kind}/123/download`, { maxRedirects: 0 })).status()).toBe(404);
    }
    expect(await upstreamCalls()).toBe(0);
  });

  test('paths: broken percent-encoding → 400 in the error shape, never a 500', async ({ request }) => {
    for (const [method, path] of [
      ['DELETE', '/api/exports/summary/%ZZ'],
      ['DELETE', '/api/exports/summary/12%'],
      ['GET', '/api/exports/detail/%E0%A4%A/download'],
      ['GET', '/api/exports/sum%mary/1/download'],
      ['GET', '/api/nope%ZZ'],
      ['POST', '/api/exports/%'],
    ] as const) {
      const res = await request.fetch(path, { method, maxRedirects: 0 });
      expect(res.status(), `${method} ${path}`).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'InvalidInput', fields: { path: expect.any(String) } });
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
    }
    expect(await upstreamCalls()).toBe(0);
  });
});

test.describe('origin check on state-changing requests', () => {
  test('cross-origin POST and DELETE → 403, nothing sent to CDN', async ({ request }) => {
    for (const headers of [
      { origin: 'http://evil.example' },
      { origin: `${APP_URL}.evil.example` },
      { origin: 'null' },
      { referer: 'http://evil.example/attack.html' },
    ] as Record<string, string>[]) {
      const post = await request.post('/api/exports', { data: summary, headers });
      expect(post.status(), JSON.stringify(headers)).toBe(403);
      expect((await errorOf(post)).code).toBe('ForbiddenOrigin');
      expect((await request.delete('/api/exports/summary/123', { headers })).status()).toBe(403);
    }
    expect(await upstreamCalls()).toBe(0);
  });

  test('same-origin requests, and requests without Origin or Referer, pass', async ({ request }) => {
    await createTask(request, summary, { origin: APP_URL });
    await createTask(request, summary, { referer: `${APP_URL}/` });
    await createTask(request, summary);
    expect(await upstreamCalls('CreateUserUsageDataExportTask')).toBe(3);
  });
});

test.describe('idempotency', () => {
  test('same key and body twice → the same task, one upstream create', async ({ request }) => {
    const headers = { 'idempotency-key': `same-${Date.now()}` };
    const first = await createTask(request, summary, headers);
    const second = await createTask(request, summary, headers);
    expect(second.task.id).toBe(first.task.id);
    expect(await upstreamCalls('CreateUserUsageDataExportTask')).toBe(1);
  });

  test('same key, different body → 422', async ({ request }) => {
    const headers = { 'idempotency-key': `reused-${Date.now()}` };
    await createTask(request, summary, headers);
    const res = await request.post('/api/exports', { data: { ...summary, name: 'Different' }, headers });
    expect(res.status()).toBe(422);
    expect((await errorOf(res)).code).toBe('IdempotencyKeyReused');
    expect(await upstreamCalls('CreateUserUsageDataExportTask')).toBe(1);
  });

  test('concurrent requests with one key → one create, one answer', async ({ request }) => {
    await emulator.fault({ action: 'CreateUsageDetailDataExportTask', mode: 'slow', delayMs: 500 });
    const headers = { 'idempotency-key': `concurrent-${Date.now()}` };
    const answers = await Promise.all(Array.from({ length: 5 }, () => request.post('/api/exports', { data: detail, headers })));
    expect(answers.map((r) => r.status())).toEqual([201, 201, 201, 201, 201]);
    const ids = await Promise.all(answers.map(async (r) => (await r.json()).task.id));
    expect(new Set(ids).size).toBe(1);
    expect(await upstreamCalls('CreateUsageDetailDataExportTask')).toBe(1);
  });
});

test.describe('coalescing', () => {
  test('50 concurrent identical lists → at most 2 upstream calls', async ({ request }) => {
    const page = unusedPage();
    const answers = await Promise.all(Array.from({ length: 50 }, () => request.get(`/api/exports?kind=detail&page=${page}&size=7`)));
    expect(answers.every((r) => r.status() === 200)).toBe(true);
    expect(await upstreamCalls('DescribeUserUsageDetailDataExportTask')).toBeLessThanOrEqual(2);
    expect(await upstreamCalls('DescribeUserUsageDataExportTask')).toBe(0);
  });

  test('100 dashboards polling one page every second cost about one upstream call per interval', async () => {
    const url = `${APP_URL}/api/exports?kind=summary&page=${unusedPage()}`;
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => fetch(url)));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // Four intervals, with answers reused for CDN_LIST_CACHE_MS (2 s): two or three calls, never one per dashboard.
    expect(await upstreamCalls('DescribeUserUsageDataExportTask')).toBeLessThanOrEqual(4);
  });
});

test.describe('rate limit', () => {
  test('a burst of distinct lists holds the upstream budget of 50 calls per second; the rest get 429 with Retry-After', async () => {
    const pages = Array.from({ length: 300 }, () => unusedPage());
    const started = Date.now();
    // Node's own fetch, not Playwright's request context: it sends all 300 at once, as a real burst would come.
    const pending = Promise.all(pages.map((page) => fetch(`${APP_URL}/api/exports?kind=summary&page=${page}`)));
    await new Promise((resolve) => setTimeout(resolve, 800));
    const inFirstSecond = await upstreamCalls('DescribeUserUsageDataExportTask');
    const answers = await pending;
    const elapsedS = (Date.now() - started) / 1000;

    expect(inFirstSecond).toBeGreaterThan(0);
    expect(inFirstSecond).toBeLessThanOrEqual(50);
    const ok = answers.filter((r) => r.status === 200).length;
    const limited = answers.filter((r) => r.status === 429);
    expect(ok + limited.length).toBe(pages.length);
    expect(await upstreamCalls('DescribeUserUsageDataExportTask')).toBe(ok);
    expect(ok).toBeLessThanOrEqual(50 * (Math.floor(elapsedS) + 1));
    // A caller waits at most 2 s for its turn: 300 at once cannot all be served.
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited[0]?.json()) as { error: { code: string } }).error.code).toBe('RateLimited');
  });
});

test.describe('methods', () => {
  test('every route answers a method it does not serve with 405, Allow and the error shape', async ({ request }) => {
    for (const [path, allow, others] of [
      ['/api/exports?kind=summary', 'GET, POST, HEAD, OPTIONS', ['PUT', 'PATCH', 'DELETE']],
      ['/api/exports/summary/123', 'DELETE, OPTIONS', ['GET', 'POST', 'PUT', 'PATCH']],
      ['/api/exports/detail/123/download', 'GET, HEAD, OPTIONS', ['POST', 'PUT', 'PATCH', 'DELETE']],
      ['/api/health', 'GET, HEAD, OPTIONS', ['POST', 'PUT', 'PATCH', 'DELETE']],
    ] as const) {
      for (const method of others) {
        const res = await request.fetch(path, { method, data: method === 'GET' ? undefined : {} });
        expect(res.status(), `${method} ${path}`).toBe(405);
        expect(res.headers()['allow']).toBe(allow);
        expect((await errorOf(res)).code).toBe('MethodNotAllowed');
      }
      const options = await request.fetch(path, { method: 'OPTIONS' });
      expect(options.status()).toBe(204);
      expect(options.headers()['allow']).toBe(allow);
    }
    expect((await request.fetch('/api/exports/summary/123', { method: 'HEAD' })).status()).toBe(405);
    expect(await upstreamCalls()).toBe(0);
  });
});

test.describe('headers', () => {
  test('security headers and no-store on every API answer', async ({ request }) => {
    for (const res of [
      await request.get(`/api/exports?kind=summary&page=${unusedPage()}`),
      await request.get('/api/exports?kind=nope'),
      await request.get('/api/health'),
      await request.post('/api/exports', { data: {} }),
      await request.get('/api/no-such-endpoint'),
    ]) {
      const headers = res.headers();
      expect(headers['cache-control']).toBe('no-store');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['referrer-policy']).toBe('same-origin');
      expect(headers['content-type']).toContain('application/json');
      expect(headers['x-powered-by']).toBeUndefined();
    }
  });

  test('unknown API paths answer 404 in the error shape', async ({ request }) => {
    for (const res of [
      await request.get('/api/nope'),
      await request.get('/api'),
      await request.delete('/api/'),
      await request.post('/api/exports/summary/1/2/3', { data: {} }),
    ]) {
      expect(res.status()).toBe(404);
      expect((await errorOf(res)).code).toBe('NotFound');
    }
  });
});

/**
 * Sign-in, roles and the record through real HTTP, against the production build started in AUTH_MODE=proxy with the
 * shared secret (playwright.config.ts, the second app server): 401 and 403 answers, X-Request-Id on every answer, the
 * activity entry of each action with the right actor, status and ids, and the CSV export's formula defusing.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { errorOf, summary } from './support/api';
import { emulator } from './support/emulator';
import { APP_URL, E2E_PROXY_SECRET, PROXY_APP_URL } from './support/env';

type Group = 'cdn-admins' | 'cdn-operators' | 'cdn-viewers';
const as = (user: string, group: Group, extra: Record<string, string> = {}) => ({
  'x-auth-proxy-secret': E2E_PROXY_SECRET,
  'x-forwarded-user': user,
  'x-forwarded-email': `${user}@example.com`,
  'x-forwarded-groups': group,
  // State-changing requests must name the page they came from when sign-in is on.
  origin: PROXY_APP_URL,
  ...extra,
});
const ADA = as('ada', 'cdn-admins');
const OSCAR = as('oscar', 'cdn-operators');
const VERA = as('vera', 'cdn-viewers');

interface Entry {
  action: string;
  status: number;
  actor: { id: string; name: string; email: string } | null;
  role: string | null;
  taskId: string | null;
  requestId: string;
  upstreamRequestId?: string;
  code?: string;
  ip: string | null;
}

async function activity(request: APIRequestContext, query = ''): Promise<Entry[]> {
  const res = await request.get(`${PROXY_APP_URL}/api/activity?size=200${query}`, { headers: ADA });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { entries: Entry[] }).entries;
}
const entryFor = async (request: APIRequestContext, requestId: string | undefined) =>
  (await activity(request)).find((e) => e.requestId === requestId);

test.beforeEach(async () => {
  await emulator.reset();
  await emulator.clearFaults();
});

test('without sign-in every route but health is 401 Unauthenticated, and the refusal is recorded', async ({ request }) => {
  for (const [method, path] of [
    ['GET', '/api/exports?kind=summary'],
    ['POST', '/api/exports'],
    ['DELETE', '/api/exports/summary/1234567890'],
    ['GET', '/api/exports/summary/1234567890/download'],
    ['GET', '/api/activity'],
    ['GET', '/api/activity/export'],
  ] as const) {
    const res = await request.fetch(`${PROXY_APP_URL}${path}`, {
      method,
      headers: { origin: PROXY_APP_URL },
      ...(method === 'POST' ? { data: summary } : {}),
    });
    expect(res.status(), `${method} ${path}`).toBe(401);
    expect((await errorOf(res)).code).toBe('Unauthenticated');
    expect(res.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  }
  // Identity headers without the proxy's secret are never believed.
  const forged = await request.get(`${PROXY_APP_URL}/api/exports?kind=summary`, {
    headers: { 'x-forwarded-user': 'ada', 'x-forwarded-groups': 'cdn-admins' },
  });
  expect(forged.status()).toBe(401);
  const denied = await entryFor(request, forged.headers()['x-request-id']);
  expect(denied).toMatchObject({ action: 'denied', status: 401, actor: null, code: 'Unauthenticated' });
  expect(denied?.ip).toBeTruthy();
  // Health needs no sign-in and tells nothing but reachability.
  const health = await request.get(`${PROXY_APP_URL}/api/health`);
  expect(health.status()).toBe(200);
  expect(Object.keys(await health.json()).sort()).toEqual(['status', 'store', 'upstream']);
});

test("a viewer's POST and DELETE are 403 naming the role needed; nothing reaches CDN", async ({ request }) => {
  const post = await request.post(`${PROXY_APP_URL}/api/exports`, { data: summary, headers: VERA });
  expect(post.status()).toBe(403);
  expect(await errorOf(post)).toMatchObject({ code: 'Forbidden', message: expect.stringMatching(/operator role/) });
  const del = await request.delete(`${PROXY_APP_URL}/api/exports/summary/1234567890`, { headers: VERA });
  expect(del.status()).toBe(403);
  expect((await emulator.stats()).calls).toEqual({});
  expect(await entryFor(request, del.headers()['x-request-id'])).toMatchObject({
    action: 'denied',
    status: 403,
    role: 'viewer',
    actor: { id: 'vera', email: 'vera@example.com' },
    taskId: '1234567890',
  });
});

test('create, list, download and delete are each recorded with the right actor, status and ids', async ({ request }) => {
  const created = await request.post(`${PROXY_APP_URL}/api/exports`, { data: summary, headers: OSCAR });
  expect(created.status(), await created.text()).toBe(201);
  const { task, requestId: upstreamRequestId } = (await created.json()) as { task: { id: string }; requestId: string };
  expect(await entryFor(request, created.headers()['x-request-id'])).toMatchObject({
    action: 'create',
    status: 201,
    actor: { id: 'oscar', name: 'oscar', email: 'oscar@example.com' },
    role: 'operator',
    taskId: task.id,
    upstreamRequestId,
  });

  const listed = await request.get(`${PROXY_APP_URL}/api/exports?kind=summary&size=50`, { headers: VERA });
  const row = ((await listed.json()) as { tasks: { id: string; createdBy: unknown }[] }).tasks.find((t) => t.id === task.id);
  expect(row?.createdBy).toEqual({ name: 'oscar', email: 'oscar@example.com' });

  const download = await request.get(`${PROXY_APP_URL}/api/exports/summary/${task.id}/download`, { headers: VERA, maxRedirects: 0 });
  expect(await entryFor(request, download.headers()['x-request-id'])).toMatchObject({
    action: 'download',
    status: download.status(),
    actor: { id: 'vera' },
    taskId: task.id,
  });

  const removed = await request.delete(`${PROXY_APP_URL}/api/exports/summary/${task.id}`, { headers: ADA });
  expect(removed.status()).toBe(204);
  expect(await entryFor(request, removed.headers()['x-request-id'])).toMatchObject({
    action: 'delete',
    status: 204,
    actor: { id: 'ada' },
    role: 'admin',
    taskId: task.id,
  });
});

test('the activity CSV has a header row and defuses formula cells', async ({ request }) => {
  const mallory = as('mallory', 'cdn-operators', { 'x-forwarded-preferred-username': '=HYPERLINK("http://evil.example")' });
  expect((await request.post(`${PROXY_APP_URL}/api/exports`, { data: summary, headers: mallory })).status()).toBe(201);
  const res = await request.get(`${PROXY_APP_URL}/api/activity/export?actor=mallory&action=create`, { headers: ADA });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/csv/);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename=/);
  const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^id,at,actorId,actorName,actorEmail,role,action/);
  expect(lines.length).toBeGreaterThanOrEqual(2);
  for (const line of lines.slice(1)) expect(line).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  expect((await request.get(`${PROXY_APP_URL}/api/activity/export`, { headers: OSCAR })).status()).toBe(403);
});

test('every answer carries X-Request-Id, errors and refusals too (AUTH_MODE=none server)', async ({ request }) => {
  const answers = [
    await request.get(`${APP_URL}/api/health`),
    await request.get(`${APP_URL}/api/exports?kind=summary`),
    await request.get(`${APP_URL}/api/exports?kind=nope`),
    await request.get(`${APP_URL}/api/nowhere`),
    await request.put(`${APP_URL}/api/exports`),
    await request.post(`${APP_URL}/api/exports`, { data: summary, headers: { origin: 'https://evil.example' } }),
  ];
  const ids = answers.map((r) => r.headers()['x-request-id']);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(new Set(ids).size).toBe(ids.length);
});

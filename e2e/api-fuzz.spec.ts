/**
 * ~5,000 fuzzed requests against the production build: random methods, paths under /api and elsewhere, query
 * strings, headers, bodies, Idempotency-Keys and Origins. None may be a 500, and every API error must be in the
 * contract's one error shape. The generator is seeded (FUZZ_SEED), so a failure can be replayed exactly.
 */
import { expect, test } from '@playwright/test';
import { apiErrorSchema, healthSchema } from '../lib/exports/schemas';
import { summary, detail, yesterday } from './support/api';
import { emulator } from './support/emulator';
import { APP_URL } from './support/env';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const COUNT = Number(process.env.FUZZ_COUNT ?? 5000);
const CONCURRENCY = 8;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
const chance = (p: number) => random() < p;

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&\'()*+,;=:@%/?#[] "<>\\^`{|}';
function text(max: number, alphabet = ASCII): string {
  return Array.from({ length: int(max + 1) }, () => alphabet[int(alphabet.length)]).join('');
}
const UNICODE = ['é', '漢', '\u0000', '\u001f', '\u202e', '\ud800', '😀', '\uffff', '%', '%00', '%ZZ', '%2F', '..', '//'];
const weird = () => pick([...UNICODE, text(12), text(3), '', ' ', 'null', 'undefined', '__proto__', 'constructor', '-1', '0', '1e9']);

// Methods Node's HTTP parser knows, Next's handlers included or not. A token it does not know (`FUZZ`) never reaches
// the app: Node itself answers an empty 400 and closes the connection.
const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'DELETE', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'PURGE', 'SEARCH', 'MKCOL'];
const KINDS = ['summary', 'detail', 'SUMMARY', 'other', '', '%00', '..', 'summary%2F..'];
const IDS = ['1', '10001', '999999999999999999', 'abc', 'A91BE91F-0B34-4CBF-8E0F-A2977', '-', 'x'.repeat(65), '0', '%ZZ', '%E2%80%AE', '..', '%2e%2e'];

function segment(): string {
  return encodeURIComponentLoose(weird());
}
/** Mostly encoded, sometimes raw: the server must survive both. */
function encodeURIComponentLoose(value: string): string {
  if (chance(0.3)) return value.replace(/[\s#?/]/g, '');
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate cannot be encoded: send its raw UTF-8 bytes' escape instead
  }
}

function query(): string {
  const params: string[] = [];
  const n = int(4);
  for (let i = 0; i < n; i++) {
    const key = pick(['kind', 'page', 'size', 'kind', 'page', weird()]);
    const value = pick([...KINDS, '1', '2', '50', '51', '0', '-1', '1.5', '100001', '99999999999999999999', weird()]);
    params.push(`${encodeURIComponentLoose(key)}=${encodeURIComponentLoose(value)}`);
  }
  return params.length > 0 ? `?${params.join('&')}` : '';
}

function path(): string {
  const kind = pick(KINDS);
  const id = pick([...IDS, segment()]);
  return pick([
    () => `/api/exports${query()}`,
    () => `/api/exports${query()}`,
    () => `/api/exports/${kind}/${id}`,
    () => `/api/exports/${kind}/${id}/download${chance(0.2) ? query() : ''}`,
    () => `/api/health${chance(0.3) ? query() : ''}`,
    () => `/api/${segment()}`,
    () => `/api/exports/${segment()}/${segment()}/${segment()}/${segment()}`,
    () => `/api${pick(['', '/', '//exports', '/exports/', '/./exports', '/exports/../health'])}`,
    () => `/${segment()}`,
    () => `/${chance(0.5) ? '' : segment()}${query()}`,
    () => `/_next/${pick(['static', 'image', 'data'])}/${segment()}`,
    () => `/api/exports/${'a'.repeat(int(3000))}`,
  ])();
}

function createBody(): unknown {
  const base: Record<string, unknown> = structuredClone(pick([summary, detail])) as Record<string, unknown>;
  const mutations = int(4);
  for (let i = 0; i < mutations; i++) {
    const field = pick(['kind', 'startTime', 'endTime', 'name', 'language', 'type', 'domains', 'group', weird(), '__proto__']);
    base[field] = pick<unknown>([
      weird(),
      int(1e6),
      -1,
      null,
      true,
      [],
      {},
      [weird(), weird()],
      ['www.example.com', '.example.com', '*.example.com', 'bad_host'],
      Array.from({ length: 101 }, (_, j) => `d${j}.example.com`),
      yesterday.startTime,
      yesterday.endTime,
      '2026-02-30T00:00:00Z',
      'x'.repeat(int(500)),
      { nested: { deep: [1, 2, { x: weird() }] } },
    ]);
    if (chance(0.3)) delete base[field];
  }
  return base;
}

function body(): { text?: string; type?: string } {
  return pick<() => { text?: string; type?: string }>([
    () => ({ text: JSON.stringify(createBody()), type: 'application/json' }),
    () => ({ text: JSON.stringify(createBody()), type: 'application/json' }),
    () => ({ text: JSON.stringify(createBody()), type: pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'APPLICATION/JSON']) }),
    () => ({ text: text(200), type: 'application/json' }),
    () => ({ text: pick(['', '{', '[]', 'null', '"x"', '1', '{"kind":', '{"__proto__":{"x":1}}', '\u0000']), type: pick(['application/json', undefined]) }),
    () => ({ text: `{"kind":"summary","name":"${'x'.repeat(40_000)}"}`, type: 'application/json' }),
    () => ({}),
  ])();
}

function headers(withBody: { type?: string }): Record<string, string> {
  const h: Record<string, string> = {};
  if (withBody.type) h['content-type'] = withBody.type;
  const origin = pick([APP_URL, APP_URL, APP_URL, 'https://evil.example', 'null', 'http://localhost', text(20, 'abc:/.'), undefined]);
  if (origin !== undefined) h.origin = origin;
  if (chance(0.2)) h.referer = pick([`${APP_URL}/`, 'https://evil.example/', text(30, 'abc:/.%')]);
  if (chance(0.4)) h['idempotency-key'] = pick([`fuzz-${int(1e9)}`, `fuzz-${int(5)}`, '', ' ', 'x'.repeat(int(400)), text(20, 'abc"\\;,= \t')]);
  if (chance(0.2)) h.accept = pick(['text/html', '*/*', 'application/json', text(10)]);
  if (chance(0.1)) h['x-forwarded-proto'] = pick(['https', 'http', text(5)]);
  if (chance(0.1)) h['x-forwarded-for'] = pick(['1.2.3.4', '::1', text(10)]);
  if (chance(0.05)) h.cookie = text(50, 'abc=;');
  if (chance(0.05)) h.range = 'bytes=0-1';
  return h;
}

interface Outcome {
  label: string;
  status: number;
  problem?: string;
}

async function fire(n: number): Promise<Outcome> {
  const method = pick(METHODS);
  const target = path();
  const sent = method === 'GET' || method === 'HEAD' ? {} : body();
  const init: RequestInit = { method, headers: headers(sent), redirect: 'manual', ...(sent.text !== undefined ? { body: sent.text } : {}) };
  const label = `#${n} ${method} ${target.slice(0, 200)}`;
  let res: Response;
  try {
    res = await fetch(`${APP_URL}${target}`, init);
  } catch (error) {
    // A request the client itself cannot form (an invalid URL or header) never reached the server.
    if (error instanceof TypeError && !/fetch failed/.test(error.message)) return { label, status: 0 };
    return { label, status: -1, problem: `no answer: ${String((error as Error).cause ?? error)}` };
  }
  const raw = await res.text();
  // The path as sent: the URL parser resolves `..` and `%2e%2e` segments before the request leaves.
  const pathname = new URL(`${APP_URL}${target}`).pathname;
  const isApi = pathname === '/api' || pathname.startsWith('/api/');
  if (res.status >= 500 && res.status !== 502 && res.status !== 503 && res.status !== 504) {
    return { label, status: res.status, problem: `status ${res.status}: ${raw.slice(0, 300)}` };
  }
  if (isApi && res.status >= 400 && method !== 'HEAD') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { label, status: res.status, problem: `error not JSON: ${raw.slice(0, 300)}` };
    }
    const healthAnswer = pathname.startsWith('/api/health') && res.status === 503 && healthSchema.safeParse(parsed).success;
    if (!healthAnswer && !apiErrorSchema.safeParse(parsed).success) {
      return { label, status: res.status, problem: `error not in the contract's shape: ${raw.slice(0, 300)}` };
    }
    if (!res.headers.get('x-request-id')) return { label, status: res.status, problem: 'error without X-Request-Id' };
  }
  return { label, status: res.status };
}

test.beforeAll(async () => {
  await emulator.reset();
  await emulator.clearFaults();
});

test(`${COUNT} fuzzed requests: no 500, every API error in the contract's shape`, async () => {
  test.setTimeout(180_000);
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) outcomes.push(await fire(next++));
    }),
  );
  const byStatus = new Map<number, number>();
  for (const outcome of outcomes) byStatus.set(outcome.status, (byStatus.get(outcome.status) ?? 0) + 1);
  const sent = outcomes.filter((o) => o.status !== 0).length;
  console.log(
    `fuzz (seed ${SEED}): ${outcomes.length} requests generated, ${sent} answered; by status: ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}`,
  );
  const problems = outcomes.filter((o) => o.problem).map((o) => `${o.label}: ${o.problem}`);
  expect(problems.slice(0, 40), `${problems.length} problems`).toEqual([]);
  expect(sent).toBeGreaterThan(COUNT * 0.9);
});

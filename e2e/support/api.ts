/** What the HTTP API tests share: bodies for a valid export of each kind, and readers of answers and counters. */
import { expect, type APIResponse } from '@playwright/test';
import { apiErrorSchema, type ApiErrorBody } from '../../lib/exports/schemas';
import { dayRangeToUtc, presetRange } from '../../lib/exports/time-range';
import { emulator } from './emulator';

export const ZONE = 'Asia/Shanghai';
export const yesterday = dayRangeToUtc(presetRange('yesterday', Date.now(), ZONE), ZONE);
export const summary = { kind: 'summary', ...yesterday };
export const detail = { kind: 'detail', type: 'flow', ...yesterday };

/**
 * The app's list cache outlives an emulator reset by up to CDN_LIST_CACHE_MS; a page number no other test used makes a
 * list really reach the emulator. Each spec file counts from its own start, so files never share a page either.
 */
export function unusedPages(start: number): () => number {
  let page = start;
  return () => ++page;
}

/** Upstream calls since the last reset: of one action, or of all. */
export async function upstreamCalls(action?: string): Promise<number> {
  const { calls } = await emulator.stats();
  return action ? (calls[action] ?? 0) : Object.values(calls).reduce((a, b) => a + b, 0);
}

/** The error of an answer, checked against the one error shape every route uses. */
export async function errorOf(res: APIResponse): Promise<ApiErrorBody['error']> {
  const body = (await res.json()) as ApiErrorBody;
  expect(apiErrorSchema.safeParse(body).success, 'the body has the error shape').toBe(true);
  // The raw body, not zod's copy: a record parsed by zod loses keys such as `__proto__` that a test may look for.
  return body.error;
}

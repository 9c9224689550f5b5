/**
 * The one place the browser talks HTTP to the BFF: every answer is parsed with the schema that describes it, and
 * every failure becomes an ApiError. Only same-origin `/api/*` paths are ever called; no credentials, keys or signed
 * URLs exist on this side.
 */
import type { z } from 'zod/mini';
import { ApiError } from './api-error';
import { loadSchemas, type Schemas } from './load-schemas';

/** Which schema describes an answer, picked from the schemas once they are loaded (load-schemas.ts). */
export type SchemaPick<T> = (schemas: Schemas) => z.core.$ZodType<T>;

const NETWORK_MESSAGE = 'The dashboard server could not be reached. Check your connection and try again.';

let unauthenticatedHandler: (() => void) | undefined;

/**
 * What to do on any 401 answer: the component side registers the trip through the sign-in
 * (components/session/session-expiry.ts, from app/providers.tsx), so that no DOM code lives here.
 */
export function onUnauthenticated(handler: (() => void) | undefined): void {
  unauthenticatedHandler = handler;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    const res = await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
    // Signed out behind the page's back: the sign-in brings the user back here.
    if (res.status === 401) unauthenticatedHandler?.();
    return res;
  } catch (error) {
    // An abort is TanStack Query cancelling a stale request: let it through untouched so the query ignores it.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: null, code: 'NetworkError', message: NETWORK_MESSAGE });
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function retryAfter(res: Response): number | undefined {
  const value = res.headers.get('retry-after');
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Turns a non-2xx answer into an ApiError, whether or not it has the documented error shape. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const body = await readJson(res);
  // Without the schemas (they could not be loaded) the answer is still an error: its status says enough.
  const parsed = await loadSchemas().then(
    ({ apiErrorSchema }) => apiErrorSchema.safeParse(body),
    () => ({ success: false as const }),
  );
  const headerRequestId = res.headers.get('x-request-id') ?? undefined;
  if (parsed.success) {
    const { code, message, requestId, fields } = parsed.data.error;
    return new ApiError({
      status: res.status,
      code,
      message,
      requestId: requestId ?? headerRequestId,
      fields,
      retryAfterS: retryAfter(res),
    });
  }
  return new ApiError({
    status: res.status,
    code: `HTTP${res.status}`,
    message: `The dashboard server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`,
    requestId: headerRequestId,
    retryAfterS: retryAfter(res),
  });
}

/** Parses a 2xx body with the schema `pick` names; an answer of another shape is a bug on one side, reported as such. */
export async function parseBody<T>(res: Response, pick: SchemaPick<T>): Promise<T> {
  const [body, schemas] = await Promise.all([readJson(res), loadSchemas()]);
  // Standard Schema's validate: the same check as zod's safeParse, without importing zod's functions here.
  const parsed = await pick(schemas)['~standard'].validate(body);
  if (parsed.issues) {
    throw new ApiError({
      status: res.status,
      code: 'InvalidResponse',
      message: 'The dashboard server sent an answer this page does not understand. Reload the page and try again.',
      requestId: res.headers.get('x-request-id') ?? undefined,
    });
  }
  return parsed.value;
}

export async function requestJson<T>(path: string, init: RequestInit, pick: SchemaPick<T>): Promise<T> {
  const res = await send(path, init);
  if (!res.ok) throw await errorFromResponse(res);
  return parseBody(res, pick);
}

/** For answers without a body (204). */
export async function requestNoContent(path: string, init: RequestInit): Promise<void> {
  const res = await send(path, init);
  if (!res.ok) throw await errorFromResponse(res);
}

/** Lower-level access for endpoints whose error status still carries a documented body (health's 503). */
export { send as sendRequest };

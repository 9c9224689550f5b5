/**
 * What the browser knows about a failed call to the BFF. Every error answer has one shape (apiErrorSchema in lib/exports/schemas.ts), so the UI
 * can always show a code, a message and — when the upstream gave one — the request id that support will ask for.
 */
export interface ApiErrorInit {
  /** The HTTP status, or null when no answer arrived at all (offline, connection reset, aborted by the network). */
  status: number | null;
  code: string;
  message: string;
  requestId?: string;
  fields?: Record<string, string>;
  /** Seconds, from `Retry-After` on a 429. */
  retryAfterS?: number;
}

export class ApiError extends Error {
  readonly status: number | null;
  readonly code: string;
  readonly requestId?: string;
  readonly fields?: Record<string, string>;
  readonly retryAfterS?: number;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.fields = init.fields;
    this.retryAfterS = init.retryAfterS;
  }

  /**
   * True when we cannot know whether a state-changing request took effect: no answer, or a gateway-class failure
   * (the BFF timed out waiting for CDN, which may still have created the task). A retry must then reuse the
   * Idempotency-Key; a definite refusal (4xx) may not.
   */
  get outcomeUnknown(): boolean {
    return this.status === null || this.status >= 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Any thrown value as an ApiError, so that the UI has one thing to render. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: null,
    code: 'ClientError',
    message: error instanceof Error ? error.message : 'Something went wrong in the browser.',
  });
}

import 'server-only';
/**
 * The shapes every route answers with: JSON, never cached by browsers or proxies (task lists change by the second
 * and a download redirect holds a short-lived signed URL), and one error shape for every failure.
 */
import type { ApiErrorBody } from '@/lib/exports/schemas';
import { BrandedError } from './error-brand';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** An answer that is not a success, already decided: status, code and message for the user. */
export class ApiError extends BrandedError('ApiError') {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly requestId: string | undefined;
  /** Seconds, for 429 and 503 answers. */
  readonly retryAfterS: number | undefined;
  /** The failed change may have been carried out anyway (CDN did not answer): see idempotency-store.ts. */
  readonly ambiguous: boolean;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { fields?: Record<string, string>; requestId?: string; retryAfterS?: number; ambiguous?: boolean } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.requestId = extra.requestId;
    this.retryAfterS = extra.retryAfterS;
    this.ambiguous = extra.ambiguous ?? false;
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.requestId ? { requestId: this.requestId } : {}),
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

export function invalidInput(fields: Record<string, string>, message = 'Some of the input is not valid.'): ApiError {
  return new ApiError(400, 'InvalidInput', message, { fields });
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterS !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterS)));
  return jsonResponse(error.toBody(), error.status, headers);
}

import 'server-only';
/**
 * The shapes every route answers with: JSON, never cached by browsers or proxies (task lists change by the second
 * and a download redirect holds a short-lived signed URL), and one error shape for every failure.
 */
import type { ApiErrorBody } from '@/lib/exports/schemas';
import { BrandedError } from './error-brand';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** An answer as data, so that the idempotency store can keep it and send it again. */
export interface HttpAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A refusal already decided at the route layer (bad input, wrong origin, no such path) or by error-mapping.ts: status,
 * code and message for the user. The service never throws these: it speaks the domain, and error-mapping.ts turns
 * that into an HttpError.
 */
export class HttpError extends BrandedError('HttpError') {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly requestId: string | undefined;
  /** Seconds, for 429 and 503 answers. */
  readonly retryAfterS: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { fields?: Record<string, string>; requestId?: string; retryAfterS?: number } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.requestId = extra.requestId;
    this.retryAfterS = extra.retryAfterS;
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

  /** The one place an error's status, body and `Retry-After` become an answer. */
  toAnswer(): HttpAnswer {
    const headers: Record<string, string> = {};
    if (this.retryAfterS !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(this.retryAfterS)));
    return { status: this.status, body: this.toBody(), headers };
  }
}

export function invalidInput(fields: Record<string, string>, message = 'Some of the input is not valid.'): HttpError {
  return new HttpError(400, 'InvalidInput', message, { fields });
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function answerResponse(answer: HttpAnswer, extraHeaders: Record<string, string> = {}): Response {
  return jsonResponse(answer.body, answer.status, { ...answer.headers, ...extraHeaders });
}

/** For refusals decided before any route runs (proxy.ts). */
export function errorResponse(error: HttpError): Response {
  return answerResponse(error.toAnswer());
}

import 'server-only';
/**
 * The one place where a failure becomes an HTTP answer: the table from upstream failures, the service's domain
 * errors, the limiter's and the idempotency store's refusals to statuses. Upstream error codes pass through in
 * `code` with CDN's RequestId, so that a support ticket can quote them; the message says what the user can do about
 * it. errorAnswer() builds every error answer, replayed idempotent ones included.
 */
import { HttpError, type HttpAnswer } from './api-response';
import { TaskUnavailableError } from './domain-errors';
import { AuthConfigError } from './auth/auth-config';
import { IdempotencyKeyReusedError } from './idempotency-keys';
import { logAlert } from './log';
import { RateLimitedError } from './rate-limiter';
import { StoreUnavailableError } from './store/store-errors';
import { UpstreamError, isConfigurationCode, isThrottlingCode } from './upstream-error';

/**
 * What the failed call was for: the wording after a failure without an answer depends on it. `create-keyed`: a create
 * with an Idempotency-Key, which a retry with the same key resolves.
 */
export type Operation = 'read' | 'create' | 'create-keyed' | 'delete';

/** Codes that would mean this server speaks the API wrongly (a bug or an SDK change), not that the input is wrong. */
const PROTOCOL_CODES = /^(InvalidAction|InvalidVersion|UnsupportedHTTPMethod)/;

/** Codes that mean "the request itself is wrong" (CDN's validation, the gateway's missing parameters). */
export function isValidationCode(code: string): boolean {
  if (isConfigurationCode(code) || PROTOCOL_CODES.test(code)) return false;
  return (
    /^(Invalid|Missing|Malformed)/.test(code) ||
    /\.(Malformed|ValueNotSupported|Invalid|Missing)$/.test(code) ||
    /^Illegal(?!Operation)/.test(code) ||
    /Parameter/.test(code)
  );
}

/** Only an unknown task is a 404: an unknown access key or action is this server's problem. */
function isNotFoundCode(code: string): boolean {
  return /TaskId/.test(code) && /NotFound|NotExist/.test(code);
}

function isForbiddenCode(code: string): boolean {
  return code === 'OperationDenied' || code.startsWith('OperationDenied.') || code === 'IllegalOperation' || code.startsWith('Forbidden');
}

const DEFAULT_RETRY_AFTER_S = 2;

const MAYBE_DONE: Record<Operation, string> = {
  read: 'Try again in a moment.',
  create: 'The task may have been created anyway: check the list before creating it again.',
  'create-keyed':
    'The task may have been created anyway: sending the same request again with the same Idempotency-Key finds it or creates it, never twice.',
  delete: 'The task may have been deleted anyway: refresh the list before trying again.',
};

function fromUpstream(error: UpstreamError, operation: Operation): HttpError {
  const requestId = error.requestId;
  if (error.code === 'CredentialsUnavailable' || (error.failure === 'answered' && isConfigurationCode(error.code))) {
    // The server's own keys or clock are wrong: every request will fail until an operator fixes them.
    logAlert('cdn.configuration', { code: error.code, requestId, httpStatus: error.httpStatus });
    return new HttpError(
      502,
      error.code,
      `CDN refused this server's credentials (${error.code}). The server's Alibaba Cloud configuration needs fixing; nothing is wrong with your request.`,
      { requestId },
    );
  }
  switch (error.failure) {
    case 'timeout':
      return new HttpError(504, 'UpstreamTimeout', `CDN did not answer in time. ${MAYBE_DONE[operation]}`);
    case 'unreachable':
      return new HttpError(
        503,
        'UpstreamUnavailable',
        error.outcomeUnknown
          ? `The connection to CDN dropped before it answered. ${MAYBE_DONE[operation]}`
          : 'CDN cannot be reached right now. Try again in a moment.',
        { retryAfterS: DEFAULT_RETRY_AFTER_S },
      );
    case 'malformed':
      return new HttpError(
        502,
        'UpstreamMalformed',
        `CDN answered in a way this dashboard does not understand. ${operation === 'read' ? 'Try again later.' : MAYBE_DONE[operation]}`,
        { requestId },
      );
    case 'answered':
      break;
  }
  const code = error.code;
  if (isThrottlingCode(code)) {
    return new HttpError(429, code, 'CDN is limiting the rate of requests. Wait a moment and try again.', {
      requestId,
      retryAfterS: error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : DEFAULT_RETRY_AFTER_S,
    });
  }
  if (code === 'ServiceUnavailable') {
    return new HttpError(503, code, 'CDN is temporarily unavailable. Try again in a moment.', {
      requestId,
      retryAfterS: DEFAULT_RETRY_AFTER_S,
    });
  }
  // CDN answers a delete of a task it does not have (never made, deleted from another tab) as a malformed id; this
  // server has already checked the id's form, so for a delete that answer means "no such task".
  if (operation === 'delete' && code === 'InvalidTaskId.Malformed') {
    return new HttpError(404, 'TaskNotFound', 'There is no such export task: it may have been deleted, or CDN no longer keeps it.', {
      requestId,
    });
  }
  if (isNotFoundCode(code)) {
    return new HttpError(404, code, 'There is no such export task: it may have been deleted, or CDN no longer keeps it.', {
      requestId,
    });
  }
  if (isForbiddenCode(code)) {
    return new HttpError(403, code, `CDN refused the operation: ${error.message}`, { requestId });
  }
  const status = error.httpStatus ?? 0;
  if (status >= 400 && status < 500 && isValidationCode(code)) {
    return new HttpError(400, code, error.message, { requestId });
  }
  // InternalError after the retries, any other 5xx, and 4xx codes we do not know: CDN's problem or ours, not the user's.
  if (status < 500) logAlert('cdn.unexpected_code', { code, requestId, httpStatus: status });
  return new HttpError(502, code, `CDN could not carry out the request (${code}). Try again later.`, { requestId });
}

const TASK_PROBLEMS: Record<TaskUnavailableError['problem'], { status: number; code: string; message: string }> = {
  notFound: {
    status: 404,
    code: 'TaskNotFound',
    message: 'There is no such export task: it may have been deleted, or CDN no longer keeps it.',
  },
  notReady: { status: 409, code: 'TaskNotReady', message: 'The file is still being generated. Try again when the task shows as ready.' },
  failed: { status: 409, code: 'TaskFailed', message: 'CDN could not generate this file. Create the task again.' },
  noDownloadUrl: {
    status: 502,
    code: 'InvalidDownloadUrl',
    message: 'CDN did not give a usable download link for this task. Try again later.',
  },
  unknownStatus: {
    status: 409,
    code: 'TaskStatusUnknown',
    message: 'CDN reports this task in a state this dashboard does not know, so it cannot offer its file. Try again later.',
  },
};

function toHttpError(error: unknown, operation: Operation): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof UpstreamError) return fromUpstream(error, operation);
  if (error instanceof TaskUnavailableError) {
    const { status, code, message } = TASK_PROBLEMS[error.problem];
    return new HttpError(status, code, message, { requestId: error.requestId });
  }
  if (error instanceof RateLimitedError) {
    return new HttpError(429, 'RateLimited', 'This dashboard is making too many requests to CDN right now. Try again in a moment.', {
      retryAfterS: Math.ceil(error.retryAfterMs / 1000),
    });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpError(422, 'IdempotencyKeyReused', error.message);
  }
  if (error instanceof StoreUnavailableError) {
    logAlert('store.unavailable', { operation, reason: error.reason });
    return new HttpError(
      503,
      'StoreUnavailable',
      'The dashboard cannot write its record right now, so it changes nothing (nothing was sent to CDN). Try again in a moment.',
      { retryAfterS: 5 },
    );
  }
  if (error instanceof AuthConfigError) {
    // `npm start` refuses to start like this (startup-check.ts); `next dev` has no start-up check.
    return new HttpError(500, 'AuthNotConfigured', `Sign-in is not configured: ${error.message}`);
  }
  logAlert('internal_error', {
    operation,
    name: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new HttpError(500, 'InternalError', 'Something went wrong on the dashboard server. Try again; if it persists, report it.');
}

/** Any failure of a route, as the answer to send. Unknown errors become a logged 500: always a bug. */
export function errorAnswer(error: unknown, operation: Operation): HttpAnswer {
  return toHttpError(error, operation).toAnswer();
}

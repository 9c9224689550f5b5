import 'server-only';
/**
 * CONTRACT.md's table from upstream failures to the dashboard's answers, in one place. Upstream error codes pass
 * through in `code` with CDN's RequestId, so that a support ticket can quote them; the message says what the user
 * can do about it.
 */
import { ApiError } from './api-response';
import { IdempotencyKeyReusedError } from './idempotency-store';
import { logAlert } from './log';
import { RateLimitedError } from './rate-limiter';
import { UpstreamError, isConfigurationCode, isThrottlingCode } from './upstream-error';

/** What the failed call was for: the wording after a failure without an answer depends on it. */
export type Operation = 'read' | 'create' | 'delete';

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
export function isNotFoundCode(code: string): boolean {
  return /TaskId/.test(code) && /NotFound|NotExist/.test(code);
}

export function isForbiddenCode(code: string): boolean {
  return code === 'OperationDenied' || code.startsWith('OperationDenied.') || code === 'IllegalOperation' || code.startsWith('Forbidden');
}

const DEFAULT_RETRY_AFTER_S = 2;

const MAYBE_DONE: Record<Operation, string> = {
  read: 'Try again in a moment.',
  create: 'The task may have been created anyway: check the list before creating it again.',
  delete: 'The task may have been deleted anyway: refresh the list before trying again.',
};

function fromUpstream(error: UpstreamError, operation: Operation): ApiError {
  const requestId = error.requestId;
  if (error.code === 'CredentialsUnavailable' || (error.failure === 'answered' && isConfigurationCode(error.code))) {
    // The server's own keys or clock are wrong: every request will fail until an operator fixes them.
    logAlert('cdn.configuration', { code: error.code, requestId, httpStatus: error.httpStatus });
    return new ApiError(
      502,
      error.code,
      `CDN refused this server's credentials (${error.code}). The server's Alibaba Cloud configuration needs fixing; nothing is wrong with your request.`,
      { requestId },
    );
  }
  switch (error.failure) {
    case 'timeout':
      return new ApiError(504, 'UpstreamTimeout', `CDN did not answer in time. ${MAYBE_DONE[operation]}`, { ambiguous: true });
    case 'unreachable':
      return new ApiError(
        503,
        'UpstreamUnavailable',
        error.ambiguous
          ? `The connection to CDN dropped before it answered. ${MAYBE_DONE[operation]}`
          : 'CDN cannot be reached right now. Try again in a moment.',
        { retryAfterS: DEFAULT_RETRY_AFTER_S, ambiguous: error.ambiguous },
      );
    case 'malformed':
      return new ApiError(502, 'UpstreamMalformed', 'CDN answered in a way this dashboard does not understand. Try again later.', {
        requestId,
      });
    case 'answered':
      break;
  }
  const code = error.code;
  if (isThrottlingCode(code)) {
    return new ApiError(429, code, 'CDN is limiting the rate of requests. Wait a moment and try again.', {
      requestId,
      retryAfterS: error.retryAfterMs !== undefined ? Math.ceil(error.retryAfterMs / 1000) : DEFAULT_RETRY_AFTER_S,
    });
  }
  if (code === 'ServiceUnavailable') {
    return new ApiError(503, code, 'CDN is temporarily unavailable. Try again in a moment.', {
      requestId,
      retryAfterS: DEFAULT_RETRY_AFTER_S,
    });
  }
  // CDN answers a delete of a task it does not have (never made, deleted from another tab) as a malformed id; this
  // server has already checked the id's form, so for a delete that answer means "no such task".
  if (operation === 'delete' && code === 'InvalidTaskId.Malformed') {
    return new ApiError(404, 'TaskNotFound', 'There is no such export task: it may have been deleted, or CDN no longer keeps it.', {
      requestId,
    });
  }
  if (isNotFoundCode(code)) {
    return new ApiError(404, code, 'There is no such export task: it may have been deleted, or CDN no longer keeps it.', {
      requestId,
    });
  }
  if (isForbiddenCode(code)) {
    return new ApiError(403, code, `CDN refused the operation: ${error.message}`, { requestId });
  }
  const status = error.httpStatus ?? 0;
  if (status >= 400 && status < 500 && isValidationCode(code)) {
    return new ApiError(400, code, error.message, { requestId });
  }
  // InternalError after the retries, any other 5xx, and 4xx codes we do not know: CDN's problem or ours, not the user's.
  if (status < 500) logAlert('cdn.unexpected_code', { code, requestId, httpStatus: status });
  return new ApiError(502, code, `CDN could not carry out the request (${code}). Try again later.`, { requestId });
}

/** Any failure of a service call as the answer to send. Unknown errors become a logged 500: always a bug. */
export function toApiError(error: unknown, operation: Operation): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof UpstreamError) return fromUpstream(error, operation);
  if (error instanceof RateLimitedError) {
    return new ApiError(429, 'RateLimited', 'This dashboard is making too many requests to CDN right now. Try again in a moment.', {
      retryAfterS: Math.ceil(error.retryAfterMs / 1000),
    });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new ApiError(422, 'IdempotencyKeyReused', error.message);
  }
  logAlert('internal_error', {
    operation,
    name: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new ApiError(500, 'InternalError', 'Something went wrong on the dashboard server. Try again; if it persists, report it.');
}

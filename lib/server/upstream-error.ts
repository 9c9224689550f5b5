import 'server-only';
/**
 * The one error type for everything that can go wrong between this server and CDN. The SDK throws a zoo (its own
 * ClientError/ServerError/ThrottlingError, httpx's RequestTimeoutError, Node's socket errors, a SyntaxError for a
 * body that is not JSON, a plain Error when its model cast fails); classifyUpstreamError() turns each into an
 * UpstreamError whose `failure` says what we know about the call, which is what the retry policy and the HTTP
 * mapping need.
 */
import { BrandedError } from './error-brand';

/**
 * - answered: CDN answered with an error code (the request reached it and was refused or failed there).
 * - timeout: no answer within the timeout; the request may or may not have been carried out.
 * - unreachable: no connection, or the connection dropped before an answer.
 * - malformed: an answer came, but not in the documented shape.
 */
export type UpstreamFailure = 'answered' | 'timeout' | 'unreachable' | 'malformed';

export class UpstreamError extends BrandedError('UpstreamError') {
  readonly code: string;
  readonly failure: UpstreamFailure;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  /**
   * True when the request may have been carried out although we have no answer (timeout, or a connection reset
   * after it was sent). A create that failed like this must not be repeated: it could make a second task.
   */
  readonly outcomeUnknown: boolean;
  /** How long CDN asked us to wait (its `x-acs-retry-after` header, in milliseconds), when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    code: string;
    message: string;
    failure: UpstreamFailure;
    httpStatus?: number;
    requestId?: string;
    outcomeUnknown?: boolean;
    retryAfterMs?: number;
  }) {
    super(init.message);
    this.code = init.code;
    this.failure = init.failure;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** No answer in time: the request may or may not have been carried out. */
export function upstreamTimeout(): UpstreamError {
  return new UpstreamError({ code: 'UpstreamTimeout', message: 'CDN did not answer in time.', failure: 'timeout', outcomeUnknown: true });
}

/** Codes that say this server's own credentials or clock are wrong: no user can fix them, an operator must. */
const CONFIGURATION_CODES = [
  /^SignatureDoesNotMatch$/,
  /^IncompleteSignature$/,
  /^InvalidAccessKeyId(\..*)?$/,
  /^InvalidTimeStamp(\..*)?$/,
  /^InvalidSecurityToken(\..*)?$/,
  /^SignatureNonceUsed$/,
  /^CredentialsUnavailable$/,
];
export function isConfigurationCode(code: string): boolean {
  return CONFIGURATION_CODES.some((re) => re.test(code));
}

/** Whether a failed change may have been carried out anyway: then it must be neither repeated nor forgotten. */
export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof UpstreamError && error.outcomeUnknown;
}

export function isThrottlingCode(code: string): boolean {
  return code.startsWith('Throttling');
}

/** Socket errors before anything was sent: the request certainly did not reach CDN. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** Socket errors that can happen after the request went out: whether CDN carried it out is unknown. */
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'HPE_INVALID_CONSTANT']);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== 'undefined' ? value : undefined;
}

/** CDN's own message, without the SDK's "code: 400, … request id: …" wrapping. */
function upstreamMessage(error: unknown, code: string): string {
  const data = field(error, 'data');
  const fromBody = str(field(data, 'Message')) ?? str(field(data, 'message'));
  return fromBody ?? `CDN answered ${code}.`;
}

/**
 * Turns whatever the SDK threw into an UpstreamError. Anything it cannot place is returned unchanged as a plain
 * Error, so that a bug of ours is not disguised as an upstream failure.
 */
export function classifyUpstreamError(error: unknown): UpstreamError | Error {
  if (error instanceof UpstreamError) return error;
  const name = str(field(error, 'name')) ?? '';
  const code = str(field(error, 'code'));
  const message = str(field(error, 'message')) ?? '';
  const statusCode = field(error, 'statusCode');

  // The SDK's AlibabaCloudError family: an HTTP answer with an error body it could read.
  if (code && typeof statusCode === 'number' && field(error, 'data') !== undefined) {
    const data = field(error, 'data');
    const retryAfter = field(error, 'retryAfter');
    return new UpstreamError({
      code,
      message: upstreamMessage(error, code),
      failure: 'answered',
      httpStatus: statusCode,
      requestId: str(field(data, 'RequestId')) ?? str(field(error, 'requestId')),
      retryAfterMs: typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  // httpx names both of its timers RequestTimeoutError (its "ConnectTimeout" is really a socket idle timer that also
  // runs while waiting for the answer), so neither tells whether the request went out: after both the outcome is unknown.
  if (name.includes('RequestTimeout') || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return upstreamTimeout();
  if (code && NOT_SENT_CODES.has(code)) {
    return new UpstreamError({ code: 'UpstreamUnreachable', message: `Cannot connect to CDN (${code}).`, failure: 'unreachable' });
  }
  if (code && DROPPED_CODES.has(code)) {
    return new UpstreamError({
      code: 'UpstreamUnreachable',
      message: `The connection to CDN was dropped before it answered (${code}).`,
      failure: 'unreachable',
      outcomeUnknown: true,
    });
  }
  // A 2xx body that is not JSON, or an error answer whose body is not JSON (a proxy's HTML page).
  if (name === 'SyntaxError') {
    return new UpstreamError({ code: 'UpstreamMalformed', message: 'CDN answered with a body that is not JSON.', failure: 'malformed' });
  }
  // The SDK's model cast refuses fields of the wrong type with these plain Errors.
  if (/ is mismatch, expect |can not cast to Map|expect: array, actual:/.test(message)) {
    return new UpstreamError({
      code: 'UpstreamMalformed',
      message: 'CDN answered in a shape this server does not understand.',
      failure: 'malformed',
    });
  }
  // The credentials chain gave up (a refresh of temporary credentials failed, say): nothing was sent.
  if (/credential/i.test(message)) {
    return new UpstreamError({
      code: 'CredentialsUnavailable',
      message: 'This server could not obtain its Alibaba Cloud credentials.',
      failure: 'unreachable',
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

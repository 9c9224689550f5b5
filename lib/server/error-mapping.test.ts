import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-response';
import { isValidationCode, toApiError } from './error-mapping';
import { IdempotencyKeyReusedError } from './idempotency-store';
import { RateLimitedError } from './rate-limiter';
import { UpstreamError, classifyUpstreamError } from './upstream-error';

const answered = (code: string, httpStatus: number, extra: Partial<ConstructorParameters<typeof UpstreamError>[0]> = {}) =>
  new UpstreamError({ code, message: `${code} text`, failure: 'answered', httpStatus, requestId: 'RID', ...extra });

afterEach(() => vi.restoreAllMocks());

describe('toApiError: a delete of a task CDN does not have', () => {
  it('is this server’s own 404, with CDN’s RequestId', () => {
    const mapped = toApiError(answered('InvalidTaskId.Malformed', 400), 'delete');
    expect({ status: mapped.status, code: mapped.code, requestId: mapped.requestId }).toEqual({ status: 404, code: 'TaskNotFound', requestId: 'RID' });
  });
});

describe('toApiError: the contract’s table', () => {
  const cases: [UpstreamError, number, string][] = [
    [answered('InvalidTimeRange', 400), 400, 'InvalidTimeRange'],
    [answered('InvalidParameterStartTime', 400), 400, 'InvalidParameterStartTime'],
    [answered('MissingTimeParameter', 400), 400, 'MissingTimeParameter'],
    [answered('InvalidTaskId.Malformed', 400), 400, 'InvalidTaskId.Malformed'],
    [answered('InvalidStartTime.ValueNotSupported', 400), 400, 'InvalidStartTime.ValueNotSupported'],
    [answered('OperationDenied', 403), 403, 'OperationDenied'],
    [answered('IllegalOperation', 403), 403, 'IllegalOperation'],
    [answered('Forbidden.RAM', 403), 403, 'Forbidden.RAM'],
    [answered('InvalidTaskId.NotFound', 404), 404, 'InvalidTaskId.NotFound'],
    [answered('SignatureDoesNotMatch', 400), 502, 'SignatureDoesNotMatch'],
    [answered('IncompleteSignature', 400), 502, 'IncompleteSignature'],
    [answered('InvalidAccessKeyId.NotFound', 404), 502, 'InvalidAccessKeyId.NotFound'],
    [answered('InvalidAccessKeyId.Inactive', 400), 502, 'InvalidAccessKeyId.Inactive'],
    [answered('InvalidTimeStamp.Expired', 400), 502, 'InvalidTimeStamp.Expired'],
    [answered('Throttling', 503), 429, 'Throttling'],
    [answered('Throttling.User', 400), 429, 'Throttling.User'],
    [answered('InternalError', 500), 502, 'InternalError'],
    [answered('ServiceUnavailable', 503), 503, 'ServiceUnavailable'],
    [answered('SomethingNew', 409), 502, 'SomethingNew'],
    [answered('InvalidAction.NotFound', 404), 502, 'InvalidAction.NotFound'],
    [answered('InvalidVersion', 400), 502, 'InvalidVersion'],
    [answered('SomethingNew', 500), 502, 'SomethingNew'],
    [new UpstreamError({ code: 'UpstreamMalformed', message: 'm', failure: 'malformed' }), 502, 'UpstreamMalformed'],
    [new UpstreamError({ code: 'UpstreamUnreachable', message: 'm', failure: 'unreachable' }), 503, 'UpstreamUnavailable'],
    [new UpstreamError({ code: 'UpstreamTimeout', message: 'm', failure: 'timeout', ambiguous: true }), 504, 'UpstreamTimeout'],
  ];
  it.each(cases)('%s → %i', (error, status, code) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const mapped = toApiError(error, 'read');
    expect(mapped.status).toBe(status);
    expect(mapped.code).toBe(code);
    if (error.failure === 'answered') expect(mapped.requestId).toBe('RID');
  });

  it('sets Retry-After on throttling, from CDN’s hint when it gave one', () => {
    expect(toApiError(answered('Throttling', 503), 'read').retryAfterS).toBeGreaterThanOrEqual(1);
    expect(toApiError(answered('Throttling', 503, { retryAfterMs: 3500 }), 'read').retryAfterS).toBe(4);
  });

  it('logs configuration problems loudly, without secrets', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    toApiError(answered('SignatureDoesNotMatch', 400), 'read');
    expect(spy).toHaveBeenCalledOnce();
    expect(String(spy.mock.calls[0]?.[0])).toContain('SignatureDoesNotMatch');
  });

  it('tells the user a create or delete without an answer may have happened', () => {
    const timeout = new UpstreamError({ code: 'UpstreamTimeout', message: 'm', failure: 'timeout', ambiguous: true });
    expect(toApiError(timeout, 'create').message).toMatch(/may have been created/);
    const reset = new UpstreamError({ code: 'UpstreamUnreachable', message: 'm', failure: 'unreachable', ambiguous: true });
    expect(toApiError(reset, 'create')).toMatchObject({ status: 503, message: expect.stringMatching(/may have been created/) });
    expect(toApiError(reset, 'delete').message).toMatch(/may have been deleted/);
  });

  it('maps our own errors and turns anything unknown into a logged 500', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(toApiError(new RateLimitedError(1200), 'read')).toMatchObject({ status: 429, code: 'RateLimited', retryAfterS: 2 });
    expect(toApiError(new IdempotencyKeyReusedError(), 'create')).toMatchObject({ status: 422, code: 'IdempotencyKeyReused' });
    const given = new ApiError(409, 'TaskNotReady', 'm');
    expect(toApiError(given, 'read')).toBe(given);
    expect(toApiError(new TypeError('x is undefined'), 'read')).toMatchObject({ status: 500, code: 'InternalError' });
    expect(toApiError(new TypeError('x is undefined'), 'read').message).not.toContain('x is undefined');
    expect(spy).toHaveBeenCalled();
  });
});

describe('isValidationCode', () => {
  it('recognises validation codes and nothing else', () => {
    for (const code of ['InvalidParameter', 'InvalidParameterProduct', 'MissingParameter', 'InvalidEndTime.Malformed', 'InvalidTimeRange']) {
      expect(isValidationCode(code), code).toBe(true);
    }
    for (const code of ['SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound', 'InternalError', 'OperationDenied', 'IllegalOperation']) {
      expect(isValidationCode(code), code).toBe(false);
    }
  });
});

describe('classifyUpstreamError', () => {
  it('reads the SDK’s error objects', () => {
    const sdkError = Object.assign(new Error('InvalidTimeRange: code: 400, bad request id: R'), {
      name: 'ClientError',
      code: 'InvalidTimeRange',
      statusCode: 400,
      data: { RequestId: 'R', Code: 'InvalidTimeRange', Message: 'StartTime and EndTime range should less than 1 month' },
    });
    expect(classifyUpstreamError(sdkError)).toMatchObject({
      failure: 'answered',
      code: 'InvalidTimeRange',
      httpStatus: 400,
      requestId: 'R',
      message: 'StartTime and EndTime range should less than 1 month',
    });
    const throttled = Object.assign(new Error('t'), { name: 'ThrottlingError', code: 'Throttling', statusCode: 503, data: {}, retryAfter: 800 });
    expect(classifyUpstreamError(throttled)).toMatchObject({ failure: 'answered', retryAfterMs: 800 });
  });

  it('tells timeouts, refusals, resets and unreadable answers apart', () => {
    const timeout = Object.assign(new Error('ReadTimeout(4000)'), { name: 'RequestTimeoutError' });
    expect(classifyUpstreamError(timeout)).toMatchObject({ failure: 'timeout', ambiguous: true });
    expect(classifyUpstreamError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toMatchObject({ failure: 'unreachable', ambiguous: false });
    expect(classifyUpstreamError(Object.assign(new Error('hang up'), { code: 'ECONNRESET' }))).toMatchObject({ failure: 'unreachable', ambiguous: true });
    expect(classifyUpstreamError(new SyntaxError('Unexpected token'))).toMatchObject({ failure: 'malformed' });
    expect(classifyUpstreamError(new Error('type of data is mismatch, expect object, but number'))).toMatchObject({ failure: 'malformed' });
    expect(classifyUpstreamError(new Error('unable to get credentials from any of the providers in the chain'))).toMatchObject({
      code: 'CredentialsUnavailable',
    });
    const bug = new TypeError('cannot read x of undefined');
    expect(classifyUpstreamError(bug)).toBe(bug);
  });
});

describe('error classes across module copies', () => {
  it('recognise instances made by another copy of the class (as Next’s separate bundles produce)', () => {
    const brand = Symbol.for('cdn-usage-exports.UpstreamError');
    const foreign = Object.assign(new Error('x'), { [brand]: true, code: 'Throttling', failure: 'answered', httpStatus: 503 });
    expect(foreign instanceof UpstreamError).toBe(true);
    expect(new Error('x') instanceof UpstreamError).toBe(false);
    expect(new ApiError(400, 'X', 'y') instanceof ApiError).toBe(true);
    expect(toApiError(Object.assign(new Error('m'), { [Symbol.for('cdn-usage-exports.ApiError')]: true, status: 409, code: 'TaskNotReady' }), 'read').status).toBe(409);
  });
});

describe('ambiguity', () => {
  it('marks only answers after which the change may have happened', () => {
    const mk = (failure: 'timeout' | 'unreachable', ambiguous: boolean) =>
      toApiError(new UpstreamError({ code: 'X', message: 'm', failure, ambiguous }), 'create').ambiguous;
    expect(mk('timeout', true)).toBe(true);
    expect(mk('unreachable', true)).toBe(true);
    expect(mk('unreachable', false)).toBe(false);
    expect(toApiError(answered('Throttling', 503), 'create').ambiguous).toBe(false);
  });
});

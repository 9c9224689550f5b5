import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiErrorSchema } from '@/lib/exports/schemas';
import { HttpError } from './api-response';
import { TaskUnavailableError } from './domain-errors';
import { errorAnswer, isValidationCode, type Operation } from './error-mapping';
import { IdempotencyKeyReusedError } from './idempotency-keys';
import { RateLimitedError } from './rate-limiter';
import { UpstreamError, classifyUpstreamError, isOutcomeUnknown } from './upstream-error';

/** errorAnswer()'s answer, flattened for assertions. */
function mapped(error: unknown, operation: Operation) {
  const answer = errorAnswer(error, operation);
  const { code, message, requestId } = apiErrorSchema.parse(answer.body).error;
  const retryAfter = answer.headers?.['Retry-After'];
  return { status: answer.status, code, message, requestId, retryAfterS: retryAfter === undefined ? undefined : Number(retryAfter) };
}

const answered = (code: string, httpStatus: number, extra: Partial<ConstructorParameters<typeof UpstreamError>[0]> = {}) =>
  new UpstreamError({ code, message: `${code} text`, failure: 'answered', httpStatus, requestId: 'RID', ...extra });

afterEach(() => vi.restoreAllMocks());

describe('errorAnswer: a delete of a task CDN does not have', () => {
  it('is this server’s own 404, with CDN’s RequestId', () => {
    expect(mapped(answered('InvalidTaskId.Malformed', 400), 'delete')).toMatchObject({ status: 404, code: 'TaskNotFound', requestId: 'RID' });
  });
});

describe('errorAnswer: upstream failures to HTTP statuses', () => {
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
    [new UpstreamError({ code: 'UpstreamTimeout', message: 'm', failure: 'timeout', outcomeUnknown: true }), 504, 'UpstreamTimeout'],
  ];
  it.each(cases)('%s → %i', (error, status, code) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = mapped(error, 'read');
    expect(answer.status).toBe(status);
    expect(answer.code).toBe(code);
    if (error.failure === 'answered') expect(answer.requestId).toBe('RID');
  });

  it('sets Retry-After on throttling, from CDN’s hint when it gave one', () => {
    expect(mapped(answered('Throttling', 503), 'read').retryAfterS).toBeGreaterThanOrEqual(1);
    expect(mapped(answered('Throttling', 503, { retryAfterMs: 3500 }), 'read').retryAfterS).toBe(4);
  });

  it('logs configuration problems loudly, without secrets', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    mapped(answered('SignatureDoesNotMatch', 400), 'read');
    expect(spy).toHaveBeenCalledOnce();
    expect(String(spy.mock.calls[0]?.[0])).toContain('SignatureDoesNotMatch');
  });

  it('tells the user a create or delete without an answer may have happened', () => {
    const timeout = new UpstreamError({ code: 'UpstreamTimeout', message: 'm', failure: 'timeout', outcomeUnknown: true });
    expect(mapped(timeout, 'create').message).toMatch(/may have been created/);
    const reset = new UpstreamError({ code: 'UpstreamUnreachable', message: 'm', failure: 'unreachable', outcomeUnknown: true });
    expect(mapped(reset, 'create')).toMatchObject({ status: 503, message: expect.stringMatching(/may have been created/) });
    expect(mapped(reset, 'delete').message).toMatch(/may have been deleted/);
  });

  it('maps our own errors and turns anything unknown into a logged 500', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(mapped(new RateLimitedError(1200), 'read')).toMatchObject({ status: 429, code: 'RateLimited', retryAfterS: 2 });
    expect(mapped(new IdempotencyKeyReusedError(), 'create')).toMatchObject({ status: 422, code: 'IdempotencyKeyReused' });
    const given = new HttpError(409, 'Conflict', 'm');
    expect(errorAnswer(given, 'read')).toEqual(given.toAnswer());
    expect(mapped(new TaskUnavailableError('notReady'), 'read')).toMatchObject({ status: 409, code: 'TaskNotReady' });
    expect(mapped(new TaskUnavailableError('failed'), 'read')).toMatchObject({ status: 409, code: 'TaskFailed' });
    expect(mapped(new TaskUnavailableError('notFound'), 'read')).toMatchObject({ status: 404, code: 'TaskNotFound' });
    expect(mapped(new TaskUnavailableError('noDownloadUrl', 'RID'), 'read')).toMatchObject({
      status: 502,
      code: 'InvalidDownloadUrl',
      requestId: 'RID',
    });
    expect(mapped(new TypeError('x is undefined'), 'read')).toMatchObject({ status: 500, code: 'InternalError' });
    expect(mapped(new TypeError('x is undefined'), 'read').message).not.toContain('x is undefined');
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
    expect(classifyUpstreamError(timeout)).toMatchObject({ failure: 'timeout', outcomeUnknown: true });
    expect(classifyUpstreamError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toMatchObject({ failure: 'unreachable', outcomeUnknown: false });
    expect(classifyUpstreamError(Object.assign(new Error('hang up'), { code: 'ECONNRESET' }))).toMatchObject({ failure: 'unreachable', outcomeUnknown: true });
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
    expect(new HttpError(400, 'X', 'y') instanceof HttpError).toBe(true);
    const answer = { status: 409, body: { error: { code: 'TaskNotReady', message: 'm' } } };
    expect(errorAnswer(Object.assign(new Error('m'), { [Symbol.for('cdn-usage-exports.HttpError')]: true, toAnswer: () => answer }), 'read').status).toBe(409);
  });
});

describe('outcome unknown', () => {
  it('marks only failures after which the change may have happened', () => {
    const mk = (failure: 'timeout' | 'unreachable', outcomeUnknown: boolean) =>
      isOutcomeUnknown(new UpstreamError({ code: 'X', message: 'm', failure, outcomeUnknown }));
    expect(mk('timeout', true)).toBe(true);
    expect(mk('unreachable', true)).toBe(true);
    expect(mk('unreachable', false)).toBe(false);
    expect(isOutcomeUnknown(answered('Throttling', 503))).toBe(false);
    expect(isOutcomeUnknown(new TypeError('bug'))).toBe(false);
  });
});

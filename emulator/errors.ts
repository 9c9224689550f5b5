/**
 * The error answers, with the codes, statuses and messages of the real gateway and CDN service, so that a client's
 * error handling is exercised against the same strings it will meet in production.
 */
import { randomUUID } from 'node:crypto';

/** An error answer of the emulated gateway or CDN service: its code, HTTP status and message. */
export class CdnError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'CdnError';
  }
}

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

/** Upper-case UUID, the shape of real request ids (e.g. `ED61C6C3-8241-4187-AAA7-5157AE175CEC`). */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export function errorBody(error: CdnError, requestId: string, hostId: string): ErrorBody {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Cdn&requestId=${requestId}`,
  };
}

export const apiErrors = {
  // The gateway: protocol, identity, limits.
  missingParameter: (name: string) =>
    new CdnError(
      'MissingParameter',
      400,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  incompleteSignature: (detail?: string) =>
    new CdnError(
      'IncompleteSignature',
      400,
      `The request signature does not conform to Aliyun standards.${detail ? ` ${detail}` : ''}`,
    ),
  // The real gateway echoes its string to sign, which is what makes a client's signing bug findable.
  signatureDoesNotMatch: (stringToSign: string) =>
    new CdnError(
      'SignatureDoesNotMatch',
      400,
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    ),
  contentHashDoesNotMatch: () =>
    new CdnError('SignatureDoesNotMatch', 400, 'The x-acs-content-sha256 header does not match the request body.'),
  accessKeyNotFound: () => new CdnError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.'),
  timestampMalformed: () =>
    new CdnError('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.'),
  timestampExpired: () => new CdnError('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.'),
  nonceUsed: () => new CdnError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.'),
  actionNotFound: () =>
    new CdnError('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.'),
  invalidVersion: () => new CdnError('InvalidVersion', 400, 'Specified parameter Version is not valid.'),
  // No documented codes for these two; the gateway's generic one for a request it will not take.
  bodyTooLarge: (limit: number) =>
    new CdnError('InvalidParameter', 400, `The request body is larger than ${limit} bytes.`),
  malformedEncoding: () =>
    new CdnError('InvalidParameter', 400, 'The request parameters are not well-formed percent-encoded UTF-8.'),
  unsupportedMethod: () => new CdnError('UnsupportedHTTPMethod', 400, 'This http method is not supported.'),
  throttling: () => new CdnError('Throttling', 503, 'Request was denied due to request throttling.'),
  internalError: () =>
    new CdnError(
      'InternalError',
      500,
      'The request processing has failed due to some unknown error, exception or failure.',
    ),
  serviceUnavailable: () =>
    new CdnError('ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.'),

  // The CDN service: the operations' own validation.
  missingTimeParameter: () =>
    new CdnError('MissingTimeParameter', 400, 'The StartTime and EndTime must be both specified.'),
  startTimeMalformed: () =>
    new CdnError('InvalidStartTime.Malformed', 400, 'The specified value of parameter StartTime is malformed.'),
  endTimeMalformed: () =>
    new CdnError('InvalidEndTime.Malformed', 400, 'The specified value of parameter EndTime is malformed.'),
  startTimeNotSupported: () =>
    new CdnError('InvalidStartTime.ValueNotSupported', 400, 'The specified value of parameter StartTime is not supported.'),
  endTimeInvalid: () => new CdnError('InvalidParameterEndTime', 400, 'The parameter EndTime is invalid.'),
  // The newest edition's wording (seed 003); older editions said "StartTime and EndTime range should less than 1 month."
  timeRangeTooLong: () => new CdnError('InvalidTimeRange', 400, 'Invalid StartTime and EndTime range.'),
  // The documented message names no parameter, and neither does this one: a client cannot learn more than from CDN.
  invalidParameter: () => new CdnError('InvalidParameter', 400, 'Invalid Parameter.'),
  // CDN answers a well-formed id of no task (never made, or deleted already) exactly like a malformed one; the
  // reference lists no 404 for any task operation.
  taskIdMalformed: () => new CdnError('InvalidTaskId.Malformed', 400, 'Specified TaskId is malformed.'),
} as const;

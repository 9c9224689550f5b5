/**
 * The gateway's side of signing: which protocol a request uses, which action and version it names, and whether it is
 * signed by the one key pair the emulator knows, recently, and only once.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { apiErrors } from './errors';
import type { NonceCache } from './nonce-cache';
import {
  parseV3Authorization,
  sha256Hex,
  V3_ALGORITHM,
  v2StringToSign,
  v3StringToSign,
  verifyV2Signature,
  verifyV3Signature,
  type Params,
  type V3SignedRequest,
} from './signature';
import { parseRequestTimestamp } from './time';
import { param } from './validation';

/** Clock skew and replay window of the real gateway. */
export const SIGNATURE_WINDOW_MS = 15 * 60_000;

export interface ApiRequest {
  method: string;
  /** The raw request path (`/` for every RPC call). */
  path: string;
  /** The URL's query parameters. */
  query: Params;
  /** The parameters of an `application/x-www-form-urlencoded` body; empty otherwise. */
  form: Params;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Protocol = 'v2' | 'v3';

export interface CallTarget {
  protocol: Protocol;
  action?: string;
  version?: string;
  /** Query and form parameters together: the operation's input. */
  params: Params;
}

export interface AuthContext {
  accessKeyId: string;
  accessKeySecret: string;
  nowMs: number;
  nonces: NonceCache;
}

/** Every parameter in a record without a prototype, so that `__proto__` & co. are plain data. */
export function paramsOf(entries: Iterable<[string, string]>): Params {
  const record: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of entries) {
    // The first of repeated parameters wins, as in URLSearchParams#get.
    if (!Object.hasOwn(record, key)) record[key] = value;
  }
  return record;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** V3 carries its signature in the Authorization header; anything else is treated as V2 (signature in parameters). */
export function describeCall(request: ApiRequest): CallTarget {
  const params = paramsOf([...Object.entries(request.query), ...Object.entries(request.form)]);
  if (header(request.headers, 'authorization') !== undefined) {
    return {
      protocol: 'v3',
      action: header(request.headers, 'x-acs-action'),
      version: header(request.headers, 'x-acs-version'),
      params,
    };
  }
  return { protocol: 'v2', action: param(params, 'Action'), version: param(params, 'Version'), params };
}

function checkTimestamp(value: string, nowMs: number): void {
  const ms = parseRequestTimestamp(value);
  if (ms === undefined) throw apiErrors.timestampMalformed();
  if (Math.abs(nowMs - ms) > SIGNATURE_WINDOW_MS) throw apiErrors.timestampExpired();
}

/** The key under which a request's nonce is remembered: nonces are per access key. */
function nonceKey(accessKeyId: string, nonce: string): string {
  return `${accessKeyId}\n${nonce}`;
}

/**
 * Refuses a replayed nonce. The nonce is recorded later, by the caller, and only for a call that also passes flow
 * control: otherwise a client hammering past its budget would fill the cache with nonces of calls never carried out.
 */
function checkNonce(context: AuthContext, accessKeyId: string, nonce: string): string {
  const key = nonceKey(accessKeyId, nonce);
  if (context.nonces.has(key, context.nowMs)) throw apiErrors.nonceUsed();
  return key;
}

export interface Authenticated {
  accessKeyId: string;
  /** To hand to `NonceCache#remember` once the call is let through. */
  nonceKey: string;
}

function authenticateV2(request: ApiRequest, params: Params, context: AuthContext): Authenticated {
  const required = (name: string): string => {
    const value = param(params, name);
    if (value === undefined || value === '') throw apiErrors.missingParameter(name);
    return value;
  };
  const signature = param(params, 'Signature');
  if (!signature) throw apiErrors.incompleteSignature('The parameter "Signature" is missing.');
  if (required('SignatureMethod') !== 'HMAC-SHA1') {
    throw apiErrors.incompleteSignature('Specified signature method is not supported.');
  }
  if (required('SignatureVersion') !== '1.0') {
    throw apiErrors.incompleteSignature('Specified signature version is not supported.');
  }
  const accessKeyId = required('AccessKeyId');
  const timestamp = required('Timestamp');
  const nonce = required('SignatureNonce');
  if (accessKeyId !== context.accessKeyId) throw apiErrors.accessKeyNotFound();
  checkTimestamp(timestamp, context.nowMs);
  if (!verifyV2Signature(request.method, params, context.accessKeySecret, signature)) {
    throw apiErrors.signatureDoesNotMatch(v2StringToSign(request.method, params));
  }
  return { accessKeyId, nonceKey: checkNonce(context, accessKeyId, nonce) };
}

// What every V3 request must sign: without these, a signature would not bind the request to its action, time and body.
const V3_REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];

function authenticateV3(request: ApiRequest, context: AuthContext): Authenticated {
  const authorization = parseV3Authorization(header(request.headers, 'authorization') ?? '');
  if (!authorization) throw apiErrors.incompleteSignature('The Authorization header is not well formed.');
  if (authorization.algorithm !== V3_ALGORITHM) {
    throw apiErrors.incompleteSignature('Specified signature algorithm is not supported.');
  }
  const required = (name: string): string => {
    const value = header(request.headers, name);
    if (value === undefined || value === '') throw apiErrors.missingParameter(name);
    return value;
  };
  const date = required('x-acs-date');
  const nonce = required('x-acs-signature-nonce');
  const contentSha256 = required('x-acs-content-sha256');

  const signed = new Set(authorization.signedHeaders);
  const presentAcs = Object.keys(request.headers).filter((name) => name.startsWith('x-acs-'));
  const unsigned = [...V3_REQUIRED_SIGNED, ...presentAcs].find((name) => !signed.has(name));
  if (unsigned) throw apiErrors.incompleteSignature(`The header "${unsigned}" must be signed.`);

  if (authorization.accessKeyId !== context.accessKeyId) throw apiErrors.accessKeyNotFound();
  checkTimestamp(date, context.nowMs);

  const headers: Record<string, string | undefined> = {};
  for (const name of authorization.signedHeaders) headers[name] = header(request.headers, name);
  const signedRequest: V3SignedRequest = {
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    signedHeaders: authorization.signedHeaders,
    hashedPayload: contentSha256,
  };
  if (!verifyV3Signature(signedRequest, context.accessKeySecret, authorization.signature)) {
    throw apiErrors.signatureDoesNotMatch(v3StringToSign(signedRequest));
  }
  // The signature covers the header; this ties the header to the body actually received.
  if (sha256Hex(request.body) !== contentSha256.toLowerCase()) throw apiErrors.contentHashDoesNotMatch();
  return { accessKeyId: authorization.accessKeyId, nonceKey: checkNonce(context, authorization.accessKeyId, nonce) };
}

/**
 * The access key id of a correctly signed request with an unused nonce; throws the gateway's `CdnError` otherwise.
 * The nonce is not recorded here (see `checkNonce`).
 */
export function authenticate(request: ApiRequest, target: CallTarget, context: AuthContext): Authenticated {
  return target.protocol === 'v3'
    ? authenticateV3(request, context)
    : authenticateV2(request, target.params, context);
}

/**
 * Alibaba Cloud request signatures, both live protocols, as pure functions.
 *
 * The emulator only ever verifies, but verification is "compute and compare", so the signers are exported too: the
 * tests prove them against the published vectors and then use them to build requests the SDK cannot produce.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type Params = Readonly<Record<string, string>>;

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** RFC 3986 encoding as Alibaba Cloud defines it: `encodeURIComponent` plus `!'()*`; `~` stays, space is `%20`. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Compares in constant time so that a caller probing signatures learns nothing from response timing.
 * Strings of different length are unequal without comparing.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

// The official SDK sorts the raw keys (JavaScript's default code-unit order) before encoding them; so do we, since a
// different order would only matter for keys with special characters, which no CDN parameter has.
function sortedKeys(params: Params): string[] {
  return Object.keys(params).sort();
}

// ---------------------------------------------------------------------------------------------------------------
// V2: HMAC-SHA1, SignatureVersion=1.0

/** Every parameter except `Signature` itself, from the query and the form body alike. */
export function v2CanonicalQuery(params: Params): string {
  return sortedKeys(params)
    .filter((key) => key !== 'Signature')
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? '')}`)
    .join('&');
}

export function v2StringToSign(method: string, params: Params): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(v2CanonicalQuery(params))}`;
}

export function v2Sign(method: string, params: Params, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(v2StringToSign(method, params), 'utf8').digest('base64');
}

export function verifyV2Signature(method: string, params: Params, secret: string, signature: string): boolean {
  return safeEqual(v2Sign(method, params, secret), signature);
}

// ---------------------------------------------------------------------------------------------------------------
// V3: ACS3-HMAC-SHA256

export interface V3SignedRequest {
  method: string;
  /** The request path, `/` for every RPC call. */
  path: string;
  /** The URL's query parameters only: a body is covered by `hashedPayload`. */
  query: Params;
  /** Header values by lower-case name. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Lower-case names, as listed in the Authorization header. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body, i.e. the `x-acs-content-sha256` header. */
  hashedPayload: string;
}

export function v3CanonicalQuery(query: Params): string {
  return sortedKeys(query)
    .map((key) => `${percentEncode(key)}=${percentEncode(query[key] ?? '')}`)
    .join('&');
}

export function v3CanonicalRequest(request: V3SignedRequest): string {
  const names = [...new Set(request.signedHeaders.map((name) => name.toLowerCase()))].sort();
  const canonicalHeaders = names.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`).join('');
  return [
    request.method.toUpperCase(),
    request.path === '' ? '/' : request.path,
    v3CanonicalQuery(request.query),
    canonicalHeaders,
    names.join(';'),
    request.hashedPayload,
  ].join('\n');
}

export function v3StringToSign(request: V3SignedRequest): string {
  return `${V3_ALGORITHM}\n${sha256Hex(v3CanonicalRequest(request))}`;
}

export function v3Sign(request: V3SignedRequest, secret: string): string {
  return createHmac('sha256', secret).update(v3StringToSign(request), 'utf8').digest('hex');
}

export function verifyV3Signature(request: V3SignedRequest, secret: string, signature: string): boolean {
  // Hex is case-insensitive; the SDK sends lower case.
  return safeEqual(v3Sign(request, secret), signature.toLowerCase());
}

export interface V3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function formatV3Authorization(accessKeyId: string, signedHeaders: readonly string[], signature: string): string {
  return `${V3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
}

/** `undefined` when any of the three parts is missing or empty: the caller answers `IncompleteSignature`. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const match = /^\s*(\S+)\s+(.*)$/.exec(header);
  if (!match) return undefined;
  const [, algorithm = '', rest = ''] = match;
  const parts = new Map<string, string>();
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return {
    algorithm,
    accessKeyId,
    signedHeaders: signedHeaders.split(';').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''),
    signature,
  };
}

/**
 * Hand-signed requests for the emulator's HTTP-level tests: what the SDK cannot be made to send (stale timestamps,
 * replayed nonces, V2 GET and form bodies, missing parts). The signers are the emulator's own, which the signature
 * tests prove against the published vectors first.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { API_VERSION } from './actions';
import { formatV3Authorization, sha256Hex, v2Sign, v3Sign } from './signature';
import { formatApiTime } from './time';

export interface KeyPair {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface SigningOptions {
  /** ms since the epoch; defaults to now. */
  timeMs?: number;
  nonce?: string;
  version?: string;
}

export interface PreparedRequest {
  url: string;
  init: RequestInit & { method: string; headers: Record<string, string> };
}

/** V2 parameters, `Signature` included, for the given method. */
export function v2SignedParams(
  method: 'GET' | 'POST',
  key: KeyPair,
  action: string,
  params: Record<string, string> = {},
  options: SigningOptions = {},
): Record<string, string> {
  const all: Record<string, string> = {
    Action: action,
    Format: 'JSON',
    Version: options.version ?? API_VERSION,
    AccessKeyId: key.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: options.nonce ?? randomUUID(),
    Timestamp: formatApiTime(options.timeMs ?? Date.now()),
    ...params,
  };
  return { ...all, Signature: v2Sign(method, all, key.accessKeySecret) };
}

/** GET: everything in the query; POST: everything in a form body. */
export function v2Request(baseUrl: string, method: 'GET' | 'POST', signedParams: Record<string, string>): PreparedRequest {
  const encoded = new URLSearchParams(signedParams).toString();
  if (method === 'GET') return { url: `${baseUrl}/?${encoded}`, init: { method, headers: {} } };
  return {
    url: `${baseUrl}/`,
    init: { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encoded },
  };
}

export function v2Call(
  baseUrl: string,
  method: 'GET' | 'POST',
  key: KeyPair,
  action: string,
  params: Record<string, string> = {},
  options: SigningOptions = {},
): PreparedRequest {
  return v2Request(baseUrl, method, v2SignedParams(method, key, action, params, options));
}

/** V3 as the SDK sends it: POST /, parameters in the query, an empty body, the signature in Authorization. */
export function v3Call(
  baseUrl: string,
  key: KeyPair,
  action: string,
  query: Record<string, string> = {},
  options: SigningOptions & { body?: string; contentType?: string; extraHeaders?: Record<string, string> } = {},
): PreparedRequest {
  const body = options.body ?? '';
  const headers: Record<string, string> = {
    host: new URL(baseUrl).host,
    'x-acs-action': action,
    'x-acs-version': options.version ?? API_VERSION,
    'x-acs-date': formatApiTime(options.timeMs ?? Date.now()),
    'x-acs-signature-nonce': options.nonce ?? randomUUID(),
    'x-acs-content-sha256': sha256Hex(body),
    ...(options.contentType ? { 'content-type': options.contentType } : {}),
    ...options.extraHeaders,
  };
  const signedHeaders = Object.keys(headers).sort();
  const signature = v3Sign(
    { method: 'POST', path: '/', query, headers, signedHeaders, hashedPayload: headers['x-acs-content-sha256'] ?? '' },
    key.accessKeySecret,
  );
  // fetch sets Host itself, from the URL; it is signed above with the same value.
  const { host: _host, ...sent } = headers;
  void _host;
  const search = new URLSearchParams(query).toString();
  return {
    url: `${baseUrl}/${search ? `?${search}` : ''}`,
    init: {
      method: 'POST',
      headers: { ...sent, authorization: formatV3Authorization(key.accessKeyId, signedHeaders, signature) },
      ...(body ? { body } : {}),
    },
  };
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function send(request: PreparedRequest): Promise<JsonAnswer> {
  const res = await fetch(request.url, request.init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
}

/** A control request as a test sends it: a POST always as JSON (`{}` when there is nothing to say). */
export async function control(baseUrl: string, path: string, method = 'GET', body?: unknown): Promise<JsonAnswer> {
  const json = body ?? (method === 'POST' ? {} : undefined);
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    ...(json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) }),
  });
  return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) as Record<string, unknown> };
}

/** A whole UTC day, `days` days ago, with the inclusive end the console uses (…T23:59:59Z). */
export function utcDay(daysAgo: number, nowMs = Date.now()): { StartTime: string; EndTime: string; startMs: number; endMs: number } {
  const startMs = Math.floor(nowMs / 86_400_000) * 86_400_000 - daysAgo * 86_400_000;
  const endMs = startMs + 86_400_000 - 1000;
  return { StartTime: formatApiTime(startMs), EndTime: formatApiTime(endMs), startMs, endMs };
}

/**
 * Sends `text` as is over a new connection and resolves with the status line of the answer: for requests that no
 * HTTP client would send.
 */
export function rawStatusLine(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
  });
}

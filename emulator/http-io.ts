/** Small HTTP helpers shared by the API, the file and the control routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies of RPC calls are a few hundred bytes; anything this large is a mistake or an attack. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * How much of an oversized body is still read, and thrown away, before the refusal is sent. A client that is still
 * sending when the server stops reading and closes gets a connection reset instead of the answer (and a keep-alive
 * client may reuse a socket that is about to die); draining the rest avoids both. Past this, the connection is cut.
 */
const MAX_DRAINED_BYTES = 16 * MAX_REQUEST_BYTES;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The whole body, at most `limit` bytes of it kept in memory. Over the limit it rejects with `BodyTooLargeError` once
 * the body has been drained, so that the connection is in a state to carry the answer.
 */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + MAX_DRAINED_BYTES) req.destroy();
    });
    req.once('end', () => (size > limit ? reject(new BodyTooLargeError(limit)) : resolve(Buffer.concat(chunks))));
    // Settling twice is a no-op: after 'end' these change nothing, before it they report a client that hung up.
    req.on('error', reject);
    req.once('close', () => reject(new Error('The connection closed before the request body was complete.')));
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json;charset=utf-8', headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(payload.length) });
  res.end(payload);
}

const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The host and port as the client reached the emulator (its Host header), so that handed-out URLs work from where the
 * client stands; the configured address when the header is missing or not a plain host[:port].
 */
export function requestHost(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host !== undefined && HOST_HEADER.test(host) ? host : fallback;
}

export function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `GET /_files/…`: the finished tasks' files, behind signed, expiring URLs. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newRequestId } from './errors';
import { CONTENT_TYPES, exportFileName, generateExportFile } from './export-files';
import { requestHost, sendText, xmlEscape } from './http-io';
import type { EmulatorState } from './state';

/** Object storage answers errors in XML; clients only need the status, but the body helps whoever reads it. */
function answerStorageError(req: IncomingMessage, res: ServerResponse, state: EmulatorState, status: number, code: string, message: string): void {
  // `errors` in GET /_emulator/stats counts every error code answered, file downloads included.
  state.stats.countError(code);
  const requestId = newRequestId();
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error>\n  <Code>${xmlEscape(code)}</Code>\n  <Message>${xmlEscape(message)}</Message>\n` +
    `  <RequestId>${requestId}</RequestId>\n  <HostId>${xmlEscape(requestHost(req, state.hostPort))}</HostId>\n</Error>\n`;
  sendText(res, status, xml, 'application/xml', { 'x-oss-request-id': requestId });
}

/** Passes the file through while keeping a copy, so that a completed download can be cached. */
class Collector extends Transform {
  readonly chunks: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.chunks.push(chunk);
    callback(null, chunk);
  }
}

export async function serveDownload(state: EmulatorState, req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    answerStorageError(req, res, state, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return;
  }
  const nowMs = state.now();
  const check = state.urls.check(rawPath, rawQuery, nowMs);
  if (!check.ok) {
    answerStorageError(req, res, state, check.status, check.code, check.message);
    return;
  }
  const task = state.store.find(check.family, check.taskId, nowMs);
  if (!task || state.store.stateOf(task, nowMs).status !== 'success') {
    answerStorageError(req, res, state, 404, 'NoSuchKey', 'The specified key does not exist.');
    return;
  }

  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[task.family],
    'content-disposition': `attachment; filename="${exportFileName(task)}"`,
    'cache-control': 'private, no-store',
  };
  const cached = state.files.get(task.id);
  if (cached) {
    res.writeHead(200, { ...headers, 'content-length': String(cached.length) });
    res.end(method === 'HEAD' ? undefined : cached);
    return;
  }
  res.writeHead(200, headers);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  const collector = new Collector();
  try {
    await pipeline(generateExportFile(task), collector, res);
    state.files.set(task.id, Buffer.concat(collector.chunks));
  } catch (error) {
    // A client that hangs up mid-download is routine; anything else is a bug in the file generators.
    if (!req.destroyed && !res.destroyed) console.error('CDN emulator: file generation failed', error);
    res.destroy();
  }
}

import 'server-only';
/**
 * Reads a JSON request body defensively: the right content type, a size cap enforced while reading (a missing or
 * lying Content-Length does not get past it), and text that parses. Every refusal is a 4xx, never a 500.
 */
import { HttpError, invalidInput } from './api-response';

/** A create request is a few hundred bytes; 100 domain names of 253 characters still fit with room to spare. */
export const MAX_BODY_BYTES = 32 * 1024;

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new HttpError(415, 'UnsupportedMediaType', 'Send the request body as JSON, with Content-Type: application/json.');
  }
  const tooLarge = () => new HttpError(413, 'PayloadTooLarge', `The request body is larger than ${maxBytes} bytes.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new HttpError(400, 'InvalidInput', 'The request body could not be read.');
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw invalidInput({ body: 'The request body is not valid UTF-8.' }, 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw invalidInput({ body: 'The request body is empty: send a JSON object.' }, 'The request body is empty.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidInput({ body: 'The request body is not valid JSON.' }, 'The request body is not valid JSON.');
  }
}

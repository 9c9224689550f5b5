import { describe, expect, it } from 'vitest';
import { HttpError } from './api-response';
import { readJsonBody } from './request-body';

const req = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://localhost/api/exports', { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);

async function statusOf(request: Request): Promise<number | string> {
  try {
    await readJsonBody(request, 1024);
    return 'ok';
  } catch (error) {
    return error instanceof HttpError ? error.status : 'threw';
  }
}

describe('readJsonBody', () => {
  it('parses JSON of any value; the schema decides what is acceptable', async () => {
    expect(await readJsonBody(req('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(req('[1]', { 'content-type': 'application/json; charset=utf-8' }))).toEqual([1]);
    expect(await readJsonBody(req('null'))).toBeNull();
  });

  it('refuses other content types, empty and broken bodies, and big ones', async () => {
    expect(await statusOf(req('{}', { 'content-type': 'text/plain' }))).toBe(415);
    expect(await statusOf(req('a=1', { 'content-type': 'application/x-www-form-urlencoded' }))).toBe(415);
    expect(await statusOf(req('{}', {}))).toBe(415);
    expect(await statusOf(req(''))).toBe(400);
    expect(await statusOf(req('{"a":'))).toBe(400);
    expect(await statusOf(req(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe(400);
    expect(await statusOf(req(`"${'x'.repeat(2000)}"`))).toBe(413);
  });

  it('enforces the cap while reading, whatever Content-Length says', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(500)));
        controller.close();
      },
    });
    expect(await statusOf(req(stream))).toBe(413);
  });
});

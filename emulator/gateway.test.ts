/** The gateway's behaviour over raw HTTP, for what the SDK cannot be made to send. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from './http-io';
import { splitTarget, startEmulator, type RunningEmulator } from './server';
import { control, rawStatusLine, send, utcDay, v2Call, v2SignedParams, v2Request, v3Call } from './test-helpers';

const KEY = { accessKeyId: 'raw-key-id', accessKeySecret: 'raw-key-secret' };
const LIST = 'DescribeUserUsageDataExportTask';
let emulator: RunningEmulator;
let base = '';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...KEY, taskMs: 200 });
  base = emulator.url;
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(async () => {
  await control(base, '/_emulator/reset', 'POST');
});

function expectError(answer: { status: number; body: Record<string, unknown>; headers: Headers }, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body.Code }).toEqual({ status, code });
  expect(Object.keys(answer.body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  expect(answer.body.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  expect(answer.headers.get('x-acs-request-id')).toBe(answer.body.RequestId);
}

describe('V2 (HMAC-SHA1) over raw HTTP', () => {
  it('accepts GET with everything in the query', async () => {
    const answer = await send(v2Call(base, 'GET', KEY, LIST, { PageSize: '5' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ UsageDataPerPage: { PageNumber: 1, PageSize: 5, TotalCount: 0, Data: { DataItem: [] } } });
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('accepts POST with a form body', async () => {
    const day = utcDay(2);
    const created = await send(v2Call(base, 'POST', KEY, 'CreateUserUsageDataExportTask', { StartTime: day.StartTime, EndTime: day.EndTime, TaskName: 'form body & spaces!' }));
    expect(created.status).toBe(200);
    expect(Object.keys(created.body)).toEqual(['RequestId', 'TaskId', 'StartTime', 'EndTime']);
    const listed = await send(v2Call(base, 'POST', KEY, LIST));
    expect(listed.body).toMatchObject({ UsageDataPerPage: { TotalCount: 1, Data: { DataItem: [{ TaskId: created.body.TaskId, TaskName: 'form body & spaces!' }] } } });
  });

  it('accepts POST with the parameters in the query, as the SDK sends them', async () => {
    const params = v2SignedParams('POST', KEY, LIST);
    const answer = await send({ url: `${base}/?${new URLSearchParams(params).toString()}`, init: { method: 'POST', headers: {} } });
    expect(answer.status).toBe(200);
  });

  it('refuses a GET signature replayed as a POST', async () => {
    const params = v2SignedParams('GET', KEY, LIST);
    expectError(await send(v2Request(base, 'POST', params)), 400, 'SignatureDoesNotMatch');
  });

  it('refuses a wrong signature, echoing the string to sign', async () => {
    const answer = await send(v2Call(base, 'GET', { ...KEY, accessKeySecret: 'nope' }, LIST));
    expectError(answer, 400, 'SignatureDoesNotMatch');
    expect(answer.body.Message).toContain('GET&%2F&AccessKeyId%3Draw-key-id');
  });

  it('refuses a tampered parameter', async () => {
    const params = { ...v2SignedParams('GET', KEY, LIST, { PageSize: '5' }), PageSize: '6' };
    expectError(await send(v2Request(base, 'GET', params)), 400, 'SignatureDoesNotMatch');
  });

  it('refuses an unknown access key id', async () => {
    expectError(await send(v2Call(base, 'GET', { ...KEY, accessKeyId: 'who' }, LIST)), 404, 'InvalidAccessKeyId.NotFound');
  });

  it('refuses a timestamp more than 15 minutes off, either way', async () => {
    expectError(await send(v2Call(base, 'GET', KEY, LIST, {}, { timeMs: Date.now() - 16 * 60_000 })), 400, 'InvalidTimeStamp.Expired');
    expectError(await send(v2Call(base, 'GET', KEY, LIST, {}, { timeMs: Date.now() + 16 * 60_000 })), 400, 'InvalidTimeStamp.Expired');
    expect((await send(v2Call(base, 'GET', KEY, LIST, {}, { timeMs: Date.now() - 14 * 60_000 }))).status).toBe(200);
  });

  it('refuses a malformed timestamp', async () => {
    const params = v2SignedParams('GET', KEY, LIST, { Timestamp: '2026/01/01 00:00' });
    expectError(await send(v2Request(base, 'GET', params)), 400, 'InvalidTimeStamp.Format');
  });

  it('refuses a reused nonce', async () => {
    const request = v2Call(base, 'GET', KEY, LIST, {}, { nonce: 'same-nonce' });
    expect((await send(request)).status).toBe(200);
    expectError(await send(request), 400, 'SignatureNonceUsed');
    // Same nonce, new timestamp: still a replay.
    const later = v2Call(base, 'GET', KEY, LIST, {}, { nonce: 'same-nonce', timeMs: Date.now() + 1000 });
    expectError(await send(later), 400, 'SignatureNonceUsed');
  });

  it('does not burn the nonce of a request that failed its signature', async () => {
    const bad = v2Call(base, 'GET', { ...KEY, accessKeySecret: 'x' }, LIST, {}, { nonce: 'n-1' });
    expectError(await send(bad), 400, 'SignatureDoesNotMatch');
    expect((await send(v2Call(base, 'GET', KEY, LIST, {}, { nonce: 'n-1' }))).status).toBe(200);
  });

  it.each([
    ['Signature', 'IncompleteSignature'],
    ['Timestamp', 'MissingParameter'],
    ['SignatureNonce', 'MissingParameter'],
    ['AccessKeyId', 'MissingParameter'],
    ['SignatureMethod', 'MissingParameter'],
    ['SignatureVersion', 'MissingParameter'],
    ['Version', 'MissingParameter'],
    ['Action', 'MissingParameter'],
  ])('refuses a request without %s (%s)', async (name, code) => {
    const params = v2SignedParams('GET', KEY, LIST);
    delete params[name];
    const answer = await send(v2Request(base, 'GET', params));
    expectError(answer, 400, code);
    if (code === 'MissingParameter') expect(answer.body.Message).toContain(`"${name}"`);
  });

  it('refuses another signature method', async () => {
    const params = v2SignedParams('GET', KEY, LIST, { SignatureMethod: 'HMAC-SHA256' });
    expectError(await send(v2Request(base, 'GET', params)), 400, 'IncompleteSignature');
  });

  it('accepts a security token, which is simply signed along', async () => {
    expect((await send(v2Call(base, 'GET', KEY, LIST, { SecurityToken: 'sts-token' }))).status).toBe(200);
  });
});

describe('V3 (ACS3-HMAC-SHA256) over raw HTTP', () => {
  it('accepts a request signed as the SDK signs it', async () => {
    const answer = await send(v3Call(base, KEY, LIST, { PageNumber: '2' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ UsageDataPerPage: { PageNumber: 2 } });
  });

  it('accepts a form body covered by x-acs-content-sha256', async () => {
    const day = utcDay(1);
    const body = new URLSearchParams({ StartTime: day.StartTime, EndTime: day.EndTime }).toString();
    const answer = await send(v3Call(base, KEY, 'CreateUserUsageDataExportTask', {}, { body, contentType: 'application/x-www-form-urlencoded' }));
    expect(answer.status).toBe(200);
    expect(answer.body.StartTime).toBe(day.StartTime);
  });

  it('refuses a body that does not match x-acs-content-sha256', async () => {
    const request = v3Call(base, KEY, 'CreateUserUsageDataExportTask', {}, { body: 'StartTime=x', contentType: 'application/x-www-form-urlencoded' });
    request.init.body = 'StartTime=y';
    expectError(await send(request), 400, 'SignatureDoesNotMatch');
  });

  it('refuses a wrong secret, a tampered query and a tampered header', async () => {
    expectError(await send(v3Call(base, { ...KEY, accessKeySecret: 'nope' }, LIST)), 400, 'SignatureDoesNotMatch');
    const query = v3Call(base, KEY, LIST, { PageSize: '5' });
    query.url = query.url.replace('PageSize=5', 'PageSize=6');
    expectError(await send(query), 400, 'SignatureDoesNotMatch');
    const header = v3Call(base, KEY, LIST);
    header.init.headers['x-acs-signature-nonce'] = 'other';
    expectError(await send(header), 400, 'SignatureDoesNotMatch');
  });

  it('refuses an unknown access key id', async () => {
    expectError(await send(v3Call(base, { ...KEY, accessKeyId: 'who' }, LIST)), 404, 'InvalidAccessKeyId.NotFound');
  });

  it('refuses an expired x-acs-date and a reused nonce', async () => {
    expectError(await send(v3Call(base, KEY, LIST, {}, { timeMs: Date.now() - 20 * 60_000 })), 400, 'InvalidTimeStamp.Expired');
    const request = v3Call(base, KEY, LIST, {}, { nonce: 'v3-nonce' });
    expect((await send(request)).status).toBe(200);
    expectError(await send(request), 400, 'SignatureNonceUsed');
  });

  it.each(['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'])('refuses a request without %s', async (name) => {
    const request = v3Call(base, KEY, LIST);
    delete request.init.headers[name];
    const answer = await send(request);
    expectError(answer, 400, 'MissingParameter');
    expect(answer.body.Message).toContain(name);
  });

  it('refuses an Authorization header without a signature or another algorithm', async () => {
    const request = v3Call(base, KEY, LIST);
    request.init.headers.authorization = (request.init.headers.authorization ?? '').replace(/,Signature=.*$/, '');
    expectError(await send(request), 400, 'IncompleteSignature');
    const sm3 = v3Call(base, KEY, LIST);
    sm3.init.headers.authorization = (sm3.init.headers.authorization ?? '').replace('ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3');
    expectError(await send(sm3), 400, 'IncompleteSignature');
  });

  it('refuses an x-acs-* header that is present but not signed', async () => {
    const request = v3Call(base, KEY, LIST);
    request.init.headers['x-acs-security-token'] = 'added after signing';
    const answer = await send(request);
    expectError(answer, 400, 'IncompleteSignature');
    expect(answer.body.Message).toContain('x-acs-security-token');
  });

  it('accepts x-acs-security-token when it is signed', async () => {
    const answer = await send(v3Call(base, KEY, LIST, {}, { extraHeaders: { 'x-acs-security-token': 'sts', 'x-acs-accesskey-id': KEY.accessKeyId } }));
    expect(answer.status).toBe(200);
  });
});

describe('actions and versions', () => {
  it('answers an unknown action with InvalidAction.NotFound (404), in both protocols', async () => {
    expectError(await send(v2Call(base, 'GET', KEY, 'DescribeCdnDomainDetail')), 404, 'InvalidAction.NotFound');
    expectError(await send(v3Call(base, KEY, 'DescribeCdnDomainDetail')), 404, 'InvalidAction.NotFound');
  });

  it('answers another API version with InvalidVersion', async () => {
    expectError(await send(v2Call(base, 'GET', KEY, LIST, {}, { version: '2014-11-11' })), 400, 'InvalidVersion');
    expectError(await send(v3Call(base, KEY, LIST, {}, { version: '2014-11-11' })), 400, 'InvalidVersion');
  });

  it('refuses other HTTP methods and paths', async () => {
    const put = await fetch(`${base}/`, { method: 'PUT' });
    expect(put.status).toBe(400);
    expect(((await put.json()) as { Code: string }).Code).toBe('UnsupportedHTTPMethod');
    const other = await fetch(`${base}/somewhere`);
    expect(other.status).toBe(404);
  });
});

describe('hostile input', () => {
  it('refuses an oversized body with an answer the client can read, and counts the call', async () => {
    const body = 'x'.repeat(3 * MAX_REQUEST_BYTES);
    // A keep-alive client that reuses the connection right after the refusal is where a server that stops reading
    // mid-body shows up as a connection reset.
    for (let i = 0; i < 3; i++) {
      expectError(await send(v3Call(base, KEY, LIST, {}, { body, contentType: 'text/plain' })), 400, 'InvalidParameter');
      const faults = await fetch(`${base}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(faults.status).toBe(400);
      expect(await faults.text()).toContain('larger than');
      expect((await send(v2Call(base, 'GET', KEY, LIST))).status).toBe(200);
    }
    expect((await control(base, '/_emulator/stats')).body).toMatchObject({ calls: { [LIST]: 6 }, errors: { InvalidParameter: 3 } });
  });

  it('answers request targets that a URL parser would refuse, without an internal error', async () => {
    const port = new URL(base).port;
    const lines = await Promise.all(
      [
        'GET http://a:99999/?Action=x HTTP/1.1',
        'GET http://[bad/ HTTP/1.1',
        'GET //a:99999/ HTTP/1.1',
        'GET /?%zz=%&a=%E4%B8%ZZ&Action=%FF HTTP/1.1',
        'GET /_files/summary/1?%zz HTTP/1.1',
      ].map((line) => rawStatusLine(Number(port), `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`)),
    );
    expect(lines).toEqual([
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 404 Not Found',
      'HTTP/1.1 400 Bad Request',
      'HTTP/1.1 403 Forbidden',
    ]);
  });

  it('refuses broken percent-encoding in the query or a form body with 400, and counts the call', async () => {
    const signed = new URLSearchParams(v2SignedParams('GET', KEY, LIST)).toString();
    for (const broken of ['x=%ZZ', 'x=%E4%B8', 'x=%', 'x=%ED%A0%80']) {
      expectError(await send({ url: `${base}/?${signed}&${broken}`, init: { method: 'GET', headers: {} } }), 400, 'InvalidParameter');
    }
    const form = v2Request(base, 'POST', v2SignedParams('POST', KEY, LIST));
    expectError(await send({ ...form, init: { ...form.init, body: `${String(form.init.body)}&x=%FF` } }), 400, 'InvalidParameter');
    expect((await control(base, '/_emulator/stats')).body).toMatchObject({ calls: { [LIST]: 5 }, errors: { InvalidParameter: 5 } });
  });

  it('splits a request target into its raw path and query', () => {
    expect(splitTarget('/?a=%20b')).toEqual({ path: '/', rawQuery: 'a=%20b' });
    expect(splitTarget('http://h:1/_files/x?q#f')).toEqual({ path: '/_files/x', rawQuery: 'q' });
    expect(splitTarget('http://h:99999')).toEqual({ path: '/', rawQuery: '' });
    expect(splitTarget('*')).toEqual({ path: '*', rawQuery: '' });
  });
});

describe('flow control: 100 calls per second per key and action', () => {
  let clockMs = Date.now();
  let throttled: RunningEmulator;

  beforeAll(async () => {
    throttled = await startEmulator({ port: 0, ...KEY, now: () => clockMs });
  });

  afterAll(async () => {
    await throttled.close();
  });

  it('throttles beyond a burst of 100, leaves other actions alone, and refills at 100 per second', async () => {
    const answers = await Promise.all(
      Array.from({ length: 130 }, () => send(v2Call(throttled.url, 'GET', KEY, LIST, {}, { timeMs: clockMs }))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(30);
    for (const answer of refused) {
      expectError(answer, 503, 'Throttling');
      expect(answer.body.Message).toBe('Request was denied due to request throttling.');
    }

    // Another action has its own bucket.
    expect((await send(v3Call(throttled.url, KEY, 'DescribeUserUsageDetailDataExportTask', {}, { timeMs: clockMs }))).status).toBe(200);

    // 100 ms later, 10 tokens are back.
    clockMs += 100;
    const later = await Promise.all(Array.from({ length: 12 }, () => send(v2Call(throttled.url, 'GET', KEY, LIST, {}, { timeMs: clockMs }))));
    expect(later.filter((a) => a.status === 200)).toHaveLength(10);

    const stats = await control(throttled.url, '/_emulator/stats');
    expect(stats.body).toEqual({
      calls: { [LIST]: 142, DescribeUserUsageDetailDataExportTask: 1 },
      errors: { Throttling: 32 },
      // On the emulator's clock, 100 ms apart: every call within one rolling second, throttled ones included.
      busiestSecond: { total: 143, byAction: { [LIST]: 142, DescribeUserUsageDetailDataExportTask: 1 } },
    });
  });

  it('records a nonce only for a call that passed flow control', async () => {
    await control(throttled.url, '/_emulator/reset', 'POST');
    clockMs += 60_000;
    await Promise.all(Array.from({ length: 100 }, () => send(v2Call(throttled.url, 'GET', KEY, LIST, {}, { timeMs: clockMs }))));
    const request = v2Call(throttled.url, 'GET', KEY, LIST, {}, { timeMs: clockMs, nonce: 'throttled-nonce' });
    expectError(await send(request), 503, 'Throttling');
    clockMs += 1000;
    // The refused call left no trace: the same signed request goes through once tokens are back, and only once.
    expect((await send(request)).status).toBe(200);
    expectError(await send(request), 400, 'SignatureNonceUsed');
  });
});

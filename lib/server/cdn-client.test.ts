/** The SDK wiring: the CommonJS import, the client's configuration, deadlines, shape checks and the call log. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dayRangeToUtc, presetRange } from '@/lib/exports/time-range';
import { createCdnClient, createSdkClient } from './cdn-client';
import { parseConfig } from './config';
import { createCredential } from './credentials';
import { UpstreamError } from './upstream-error';
import { TEST_KEY_SECRET, startHarness, type Harness } from '@/test/bff-harness';

let h: Harness;
beforeEach(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
  vi.restoreAllMocks();
});

function client() {
  return createCdnClient(createSdkClient(h.config, createCredential()), 'Asia/Shanghai');
}
const summaryList = { kind: 'summary' as const, page: 1, size: 20 };
const yesterday = dayRangeToUtc(presetRange('yesterday', Date.now(), 'Asia/Shanghai'), 'Asia/Shanghai');

describe('createSdkClient', () => {
  it('gets the SDK class through the CommonJS interop and configures host, protocol and timeouts', () => {
    const sdk = createSdkClient(parseConfig({ CDN_ENDPOINT: 'http://127.0.0.1:4100', CDN_READ_TIMEOUT_MS: '4000' }), createCredential());
    expect(typeof sdk.describeUserUsageDataExportTask).toBe('function');
    expect(sdk._endpoint).toBe('127.0.0.1:4100');
    expect(sdk._protocol).toBe('http');
    expect(sdk._readTimeout).toBe(4000);
    // The SDK's connect timer also runs while it waits for the answer: never shorter than the read timeout.
    expect(sdk._connectTimeout).toBe(4000);
    expect(sdk._retryOptions).toBeUndefined();
  });
});

describe('createCdnClient', () => {
  it('logs one JSON line per call, without secrets or download URLs', async () => {
    await client().listTasks(summaryList, { attempt: 2, deadlineMs: 5000 });
    const lines = vi.mocked(process.stdout.write).mock.calls.map((c) => String(c[0]));
    const line = JSON.parse(lines.find((l) => l.includes('cdn.call')) ?? '{}');
    expect(line).toMatchObject({ event: 'cdn.call', action: 'DescribeUserUsageDataExportTask', outcome: 'ok', attempt: 2, requestId: expect.any(String) });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(lines.join('\n')).not.toContain(TEST_KEY_SECRET);
  });

  it('gives up at its own deadline, as a timeout', async () => {
    await h.fault({ mode: 'slow', delayMs: 1000 });
    const started = performance.now();
    const error = await client().listTasks(summaryList, { attempt: 1, deadlineMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ failure: 'timeout', outcomeUnknown: true });
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('refuses both kinds of malformed answer', async () => {
    await h.fault({ mode: 'malformed', count: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await client().listTasks(summaryList, { attempt: 1, deadlineMs: 5000 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ failure: 'malformed', code: 'UpstreamMalformed' });
    }
  });

  it('classifies every fault', async () => {
    const expectations = [
      ['throttle', { failure: 'answered', code: 'Throttling', httpStatus: 503 }],
      ['error500', { failure: 'answered', code: 'InternalError', httpStatus: 500 }],
      ['unavailable', { failure: 'answered', code: 'ServiceUnavailable' }],
      ['reset', { failure: 'unreachable', outcomeUnknown: true }],
      ['timeout', { failure: 'timeout', outcomeUnknown: true }],
    ] as const;
    for (const [mode, expected] of expectations) {
      await h.fault({ mode, count: 1 });
      const error = await client().createTask({ kind: 'summary', ...yesterday, name: 'n' }, { attempt: 1, deadlineMs: 5000 }).catch((e: unknown) => e);
      expect(error, mode).toMatchObject(expected);
    }
    await h.close();
    const refused = await client().listTasks(summaryList, { attempt: 1, deadlineMs: 5000 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ failure: 'unreachable', outcomeUnknown: false });
  });
});

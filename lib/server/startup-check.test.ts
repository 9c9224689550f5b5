import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetConfigForTests } from './config';

const SERVICES = Symbol.for('cdn-usage-exports.services');
const saved = { ...process.env };

beforeEach(() => {
  resetConfigForTests();
  delete (globalThis as Record<symbol, unknown>)[SERVICES];
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
  delete (globalThis as Record<symbol, unknown>)[SERVICES];
  vi.restoreAllMocks();
});

async function problem() {
  const { startupProblem } = await import('./startup-check');
  return startupProblem();
}

describe('startupProblem', () => {
  it('is null with a valid configuration and credentials from the chain', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'secret';
    expect(await problem()).toBeNull();
    expect(String(vi.mocked(console.log).mock.calls[0]?.[0])).not.toContain('secret');
  });

  it('names an invalid variable in one line', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'secret';
    process.env.CDN_ENDPOINT = 'nope';
    expect(await problem()).toBe('Configuration error: CDN_ENDPOINT is not a URL (for example https://cdn.aliyuncs.com)');
  });

  it('names the missing half of a key pair in the environment', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'id';
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    expect(await problem()).toBe(
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set, while ALIBABA_CLOUD_ACCESS_KEY_ID is: set both',
    );
  });

  it('says which credentials are missing when the chain finds none', async () => {
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.ALIBABA_CLOUD_CONFIG_FILE = '/nonexistent/config.json';
    expect(await problem()).toBe(
      'No Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or another source of the credentials chain)',
    );
  });
});

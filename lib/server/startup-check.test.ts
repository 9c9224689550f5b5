import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import { openEmbeddedStore } from './store/embedded-store';
import { resetConfigForTests } from './config';
import { tempDataDir } from '@/test/store-fixtures';

const SERVICES = Symbol.for('cdn-usage-exports.services');
const STORE = Symbol.for('cdn-usage-exports.store');
const saved = { ...process.env };
let dataDir: string;

beforeEach(() => {
  dataDir = tempDataDir();
  process.env.AUTH_MODE = 'none';
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  resetConfigForTests();
  delete (globalThis as Record<symbol, unknown>)[SERVICES];
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(async () => {
  await (globalThis as Record<symbol, { close(): Promise<void> } | undefined>)[STORE]?.close();
  delete (globalThis as Record<symbol, unknown>)[STORE];
  rmSync(dataDir, { recursive: true, force: true });
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
    // Opens the embedded store: its first open takes seconds, more on a busy machine.
  }, 90_000);

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

  it('refuses without AUTH_MODE, or with a mode whose settings are missing, in one line', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'secret';
    delete process.env.AUTH_MODE;
    expect(await problem()).toMatch(/^Sign-in configuration error: AUTH_MODE is not set/);
    process.env.AUTH_MODE = 'proxy';
    delete process.env.AUTH_PROXY_SECRET;
    expect(await problem()).toMatch(/^Sign-in configuration error: AUTH_MODE=proxy needs AUTH_PROXY_SECRET/);
  });

  it('lets `next dev` start without AUTH_MODE, saying so on stderr', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'secret';
    delete process.env.AUTH_MODE;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { startupProblem } = await import('./startup-check');
    expect(await startupProblem({ development: true })).toBeNull();
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/AUTH_MODE is not set/);
  });

  it('refuses, in one line, a DATA_DIR that another process holds', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'id';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'secret';
    const other = await openEmbeddedStore(dataDir);
    try {
      expect(await problem()).toMatch(/^Another server process is using DATA_DIR=/);
    } finally {
      await other.close();
    }
  }, 90_000);
});

import { describe, expect, it } from 'vitest';
import { EmulatorConfigError, EMULATOR_DEFAULTS, emulatorOptionsFromEnv } from './config';

describe('emulatorOptionsFromEnv', () => {
  it('uses the documented defaults', () => {
    expect(emulatorOptionsFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 4100,
      accessKeyId: 'emulator-key-id',
      accessKeySecret: 'emulator-key-secret',
      domains: ['www.example.com', 'static.example.com', 'img.example.com'],
      taskMs: 5000,
      urlTtlS: 3600,
    });
    expect(emulatorOptionsFromEnv({ CDN_EMULATOR_PORT: '', CDN_EMULATOR_DOMAINS: '  ' })).toEqual(emulatorOptionsFromEnv({}));
    expect(EMULATOR_DEFAULTS.port).toBe(4100);
  });

  it('reads every variable', () => {
    expect(
      emulatorOptionsFromEnv({
        CDN_EMULATOR_PORT: '0',
        CDN_EMULATOR_HOST: '::1',
        CDN_EMULATOR_ACCESS_KEY_ID: 'id',
        CDN_EMULATOR_ACCESS_KEY_SECRET: 'secret',
        CDN_EMULATOR_DOMAINS: 'A.example.com, b.example.com,a.example.com',
        CDN_EMULATOR_TASK_MS: '0',
        CDN_EMULATOR_URL_TTL_S: '30',
      }),
    ).toEqual({ host: '::1', port: 0, accessKeyId: 'id', accessKeySecret: 'secret', domains: ['a.example.com', 'b.example.com'], taskMs: 0, urlTtlS: 30 });
  });

  it.each([
    ['CDN_EMULATOR_PORT', 'abc'],
    ['CDN_EMULATOR_PORT', '70000'],
    ['CDN_EMULATOR_PORT', '-1'],
    ['CDN_EMULATOR_HOST', 'http://localhost'],
    ['CDN_EMULATOR_DOMAINS', 'example.com,not a domain'],
    ['CDN_EMULATOR_TASK_MS', '1.5'],
    ['CDN_EMULATOR_URL_TTL_S', '0'],
    ['CDN_EMULATOR_ACCESS_KEY_ID', 'has space'],
  ])('refuses %s=%j with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      emulatorOptionsFromEnv({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EmulatorConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('never echoes a secret', () => {
    expect(() => emulatorOptionsFromEnv({ CDN_EMULATOR_ACCESS_KEY_SECRET: 'top secret' })).toThrow(/^(?!.*top secret)/);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetAuthConfigForTests } from './auth-config';
import { authRoute } from './auth-routes';
import { resetAuthForTests } from './auth-service';

afterEach(() => {
  vi.unstubAllEnvs();
  resetAuthConfigForTests();
  resetAuthForTests();
});

describe('authRoute', () => {
  it('serves the route of the configured mode', async () => {
    vi.stubEnv('AUTH_MODE', 'none');
    const answer = await authRoute('me')(new Request('http://localhost/api/me'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toMatchObject({ role: 'admin', authMode: 'none' });
  });

  it('answers a missing sign-in configuration in the error shape, naming the problem', async () => {
    vi.stubEnv('AUTH_MODE', '');
    const answer = await authRoute('me')(new Request('http://localhost/api/me'));
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({
      error: { code: 'AuthNotConfigured', message: expect.stringMatching(/^Sign-in is not configured: AUTH_MODE is not set/) },
    });
  });
});

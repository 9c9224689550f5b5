import { describe, expect, it } from 'vitest';
import type { SessionSettings } from './auth-config';
import {
  clearCookie,
  cookieName,
  loginSetCookie,
  openLogin,
  openSession,
  readCookie,
  sealLogin,
  sealSession,
  sessionSetCookie,
  type SessionData,
} from './session-cookie';

const SETTINGS: SessionSettings = { secret: 's'.repeat(40), maxAgeS: 3600, secure: true };
const USER: SessionData = { sub: 'ada', name: 'Ada Admin', email: 'ada@example.com', groups: ['cdn-admins'] };
const LOGIN = { state: 'state-1', codeVerifier: 'verifier-1', nonce: 'nonce-1', returnTo: '/?tab=detail' };

/** Flips one character of the token's ciphertext or tag, keeping it base64url. */
function tamper(token: string, index: number): string {
  const c = token[index]!;
  return token.slice(0, index) + (c === 'A' ? 'B' : 'A') + token.slice(index + 1);
}

describe('session cookie', () => {
  it('opens what it sealed', async () => {
    const token = await sealSession(USER, SETTINGS);
    expect(token.split('.')).toHaveLength(5);
    expect(token).not.toContain('ada@example.com');
    expect(await openSession(token, SETTINGS)).toEqual(USER);
  });

  it('refuses a tampered cookie, whichever part was changed', async () => {
    const token = await sealSession(USER, SETTINGS);
    const parts = token.split('.');
    for (const part of [0, 2, 3, 4]) {
      const offset = parts.slice(0, part).reduce((n, p) => n + p.length + 1, 0) + 2;
      expect(await openSession(tamper(token, offset), SETTINGS), `part ${part}`).toBeNull();
    }
    expect(await openSession('not-a-token', SETTINGS)).toBeNull();
    expect(await openSession(undefined, SETTINGS)).toBeNull();
  });

  it('refuses an expired cookie and one made with another secret', async () => {
    const then = new Date('2026-01-01T00:00:00Z');
    const token = await sealSession(USER, SETTINGS, then);
    expect(await openSession(token, SETTINGS, new Date(then.getTime() + 3599_000))).toEqual(USER);
    expect(await openSession(token, SETTINGS, new Date(then.getTime() + 3601_000))).toBeNull();
    expect(await openSession(await sealSession(USER, SETTINGS), { ...SETTINGS, secret: 't'.repeat(40) })).toBeNull();
  });

  it('never takes a login cookie for a session, or the other way round', async () => {
    const login = await sealLogin(LOGIN, SETTINGS);
    expect(await openLogin(login, SETTINGS)).toEqual(LOGIN);
    expect(await openSession(login, SETTINGS)).toBeNull();
    expect(await openLogin(await sealSession(USER, SETTINGS), SETTINGS)).toBeNull();
  });

  it('expires the login transaction after ten minutes', async () => {
    const then = new Date('2026-01-01T00:00:00Z');
    const login = await sealLogin(LOGIN, SETTINGS, then);
    expect(await openLogin(login, SETTINGS, new Date(then.getTime() + 601_000))).toBeNull();
  });

  it('writes HttpOnly, SameSite=Lax cookies, Secure with the __Host- prefix on https only', () => {
    expect(sessionSetCookie('v', SETTINGS)).toBe('__Host-cdnx-session=v; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect(loginSetCookie('v', { ...SETTINGS, secure: false })).toBe('cdnx-login=v; Max-Age=600; Path=/; HttpOnly; SameSite=Lax');
    expect(clearCookie(SETTINGS, 'session')).toBe('__Host-cdnx-session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect(cookieName({ ...SETTINGS, secure: false }, 'session')).toBe('cdnx-session');
  });

  it('reads a cookie from the request', () => {
    const request = new Request('http://localhost/', { headers: { cookie: 'a=1; cdnx-session=abc.def; b=2' } });
    expect(readCookie(request, 'cdnx-session')).toBe('abc.def');
    expect(readCookie(new Request('http://localhost/'), 'cdnx-session')).toBeUndefined();
  });
});

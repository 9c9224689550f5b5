import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { startDevOidcProvider, type DevOidcProvider } from '@/scripts/dev-oidc-provider';
import { CookieJar } from '@/test/cookie-jar';
import { parseAuthConfig } from './auth-config';
import { createAuth, type Auth } from './auth-service';

const APP = 'http://localhost:3130';
const SESSION_SECRET = 'a-session-secret-for-the-tests-only-0123456789';

let provider: DevOidcProvider;
let auth: Auth;

beforeAll(async () => {
  provider = await startDevOidcProvider({ port: 0, appOrigins: [APP] });
  auth = createAuth(parseAuthConfig({ ...provider.appEnv, SESSION_SECRET, APP_ORIGIN: APP }));
});

afterAll(() => provider?.close());

let warn: MockInstance;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  return () => {
    warn.mockRestore();
    log.mockRestore();
  };
});

function loggedWarnings(): string {
  return warn.mock.calls.map((call) => String(call[0])).join('\n');
}

/** Follows the provider's redirects as a browser would, until one leaves the provider. */
async function followAtProvider(start: string, jar: CookieJar, init: RequestInit = {}): Promise<{ location: string; pages: string[] }> {
  const pages: string[] = [];
  let url = start;
  let options: RequestInit = init;
  for (let hops = 0; hops < 10; hops++) {
    const response = await fetch(url, { ...options, redirect: 'manual', headers: { ...jar.header(), ...(options.headers as Record<string, string>) } });
    jar.store(response);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url).href;
      if (!next.startsWith(provider.issuer)) return { location: next, pages };
      url = next;
      options = {};
      continue;
    }
    pages.push(await response.text());
    return { location: url, pages };
  }
  throw new Error('too many redirects');
}

/** GET /api/auth/login, then the provider's sign-in page, picking `userId` with one click. Returns the callback. */
async function signInAtProvider(userId: string, returnTo = '/') {
  const app = new CookieJar();
  const login = await auth.routes.login(new Request(`${APP}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`));
  expect(login.status).toBe(302);
  app.store(login);
  const authorize = new URL(login.headers.get('location')!);
  const browser = new CookieJar();
  const page = await followAtProvider(authorize.href, browser);
  const html = page.pages[0]!;
  expect(html).toContain('>Ada Admin</button>');
  const form = /action="(\/interaction\/[^"]+\/login)"/.exec(html)![1]!;
  const done = await followAtProvider(new URL(form, provider.issuer).href, browser, {
    method: 'POST',
    body: new URLSearchParams({ account: userId }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { authorize, callbackUrl: done.location, app, browser };
}

function callbackRequest(url: string, jar: CookieJar): Request {
  return new Request(url, { headers: jar.header() });
}

describe('oidc sign-in through the development provider', () => {
  it('sends the browser to the provider with PKCE, state and nonce, keeping them in the login cookie', async () => {
    const login = await auth.routes.login(new Request(`${APP}/api/auth/login?returnTo=/x`));
    const url = new URL(login.headers.get('location')!);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: `${APP}/api/auth/callback`,
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(name)).toMatch(/^[\w-]{20,}$/);
    const setCookie = login.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^cdnx-login=[\w-]+(\.[\w-]*){4}; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(setCookie).not.toContain(url.searchParams.get('state')!);
  });

  it.each([
    ['ada', 'Ada Admin', 'ada@example.com', 'admin'],
    ['oscar', 'Oscar Operator', 'oscar@example.com', 'operator'],
    ['vera', 'Vera Viewer', 'vera@example.com', 'viewer'],
  ])('signs %s in and returns them where they were, as %s', async (id, name, email, role) => {
    const { callbackUrl, app } = await signInAtProvider(id, '/?tab=detail');
    expect(callbackUrl.startsWith(`${APP}/api/auth/callback?`)).toBe(true);
    const callback = await auth.routes.callback(callbackRequest(callbackUrl, app));
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(`${APP}/?tab=detail`);
    app.store(callback);
    expect(app.get('cdnx-login')).toBeUndefined();
    expect(app.get('cdnx-session')).toBeDefined();

    const me = await auth.routes.me(new Request(`${APP}/api/me`, { headers: app.header() }));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: { id, name, email }, role, authMode: 'oidc' });
    expect(await auth.authenticate(new Request(`${APP}/api/exports`, { headers: app.header() }))).toMatchObject({
      groups: [`cdn-${role}s`],
    });
  });

  it('refuses a reused code with 401, and never makes a session of it', async () => {
    const { callbackUrl, app } = await signInAtProvider('ada');
    const loginCookie = app.header();
    const first = await auth.routes.callback(callbackRequest(callbackUrl, app));
    expect(first.status).toBe(302);
    // The same callback again, login cookie and all (a replayed URL): the provider refuses the spent code.
    const again = await auth.routes.callback(new Request(callbackUrl, { headers: loginCookie }));
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({
      error: { code: 'SignInFailed', message: 'The sign-in provider refused the sign-in (invalid_grant); start the sign-in again.' },
    });
    expect(again.headers.getSetCookie().some((c) => c.startsWith('cdnx-session=') && !c.startsWith('cdnx-session=;'))).toBe(false);
    const code = new URL(callbackUrl).searchParams.get('code')!;
    expect(loggedWarnings()).toContain('"providerError":"invalid_grant"');
    expect(loggedWarnings()).not.toContain(code);
  });

  it('refuses a callback with a wrong state with 400', async () => {
    const { callbackUrl, app } = await signInAtProvider('ada');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'attacker-state');
    const answer = await auth.routes.callback(callbackRequest(forged.href, app));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: 'InvalidCallback' } });
    expect(answer.headers.getSetCookie()).toEqual(['cdnx-login=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
  });

  it('refuses a callback without the login cookie (started elsewhere, or expired) with 400', async () => {
    const { callbackUrl } = await signInAtProvider('ada');
    const answer = await auth.routes.callback(new Request(callbackUrl));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: { code: 'InvalidCallback' } });
  });

  it('refuses the provider error (a cancelled sign-in) with 401', async () => {
    const login = await auth.routes.login(new Request(`${APP}/api/auth/login`));
    const app = new CookieJar();
    app.store(login);
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const url = `${APP}/api/auth/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`;
    const answer = await auth.routes.callback(callbackRequest(url, app));
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: { code: 'SignInFailed', message: expect.stringContaining('access_denied') } });
  });

  it('answers /api/me with 401 Unauthenticated without a session, or with a tampered one', async () => {
    const none = await auth.routes.me(new Request(`${APP}/api/me`));
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: 'Unauthenticated', message: 'You are not signed in. Sign in to use the dashboard.' } });

    const { callbackUrl, app } = await signInAtProvider('ada');
    app.store(await auth.routes.callback(callbackRequest(callbackUrl, app)));
    const session = app.get('cdnx-session')!;
    const tampered = `${session.slice(0, -3)}${session.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const answer = await auth.routes.me(new Request(`${APP}/api/me`, { headers: { cookie: `cdnx-session=${tampered}` } }));
    expect(answer.status).toBe(401);
    expect(loggedWarnings()).toContain('session cookie tampered, expired or made with another secret');
    expect(loggedWarnings()).not.toContain(session);
  });

  it('signs out: clears the session and sends the browser to the provider to end its session too', async () => {
    const { callbackUrl, app, browser } = await signInAtProvider('oscar');
    app.store(await auth.routes.callback(callbackRequest(callbackUrl, app)));

    const crossSite = await auth.routes.logout(new Request(`${APP}/api/auth/logout`, { method: 'POST', headers: { ...app.header(), origin: 'https://evil.example' } }));
    expect(crossSite.status).toBe(403);
    const noOrigin = await auth.routes.logout(new Request(`${APP}/api/auth/logout`, { method: 'POST', headers: app.header() }));
    expect(noOrigin.status).toBe(403);

    const answer = await auth.routes.logout(
      new Request(`${APP}/api/auth/logout`, { method: 'POST', headers: { ...app.header(), origin: APP, accept: 'application/json' } }),
    );
    expect(answer.status).toBe(200);
    const { redirectTo } = (await answer.json()) as { redirectTo: string };
    const end = new URL(redirectTo);
    expect(`${end.origin}${end.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(answer.headers.getSetCookie()).toEqual(['cdnx-session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
    app.store(answer);
    expect((await auth.routes.me(new Request(`${APP}/api/me`, { headers: app.header() }))).status).toBe(401);

    // The provider, where the user is still signed in, asks with an accessible "Sign out" button.
    const page = await fetch(redirectTo, { headers: browser.header() });
    expect(await page.text()).toMatch(/<button type="submit" form="op.logoutForm"[^>]*>Sign out<\/button>/);

    // A plain form post gets a 303 to the provider.
    const form = await auth.routes.logout(new Request(`${APP}/api/auth/logout`, { method: 'POST', headers: { origin: APP } }));
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(new RegExp(`^${provider.issuer}/session/end\\?`));
  });

  it('keeps returnTo on this site', async () => {
    for (const returnTo of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/%2F%2Fevil.example']) {
      const { callbackUrl, app } = await signInAtProvider('vera', returnTo);
      const callback = await auth.routes.callback(callbackRequest(callbackUrl, app));
      expect(callback.headers.get('location'), returnTo).toBe(`${APP}/`);
    }
  });

  it('answers 503 when the provider cannot be reached', async () => {
    const down = createAuth(
      parseAuthConfig({ ...provider.appEnv, OIDC_ISSUER: 'http://127.0.0.1:9', SESSION_SECRET, APP_ORIGIN: APP }),
    );
    const answer = await down.routes.login(new Request(`${APP}/api/auth/login`));
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ error: { code: 'AuthProviderUnavailable' } });
  });
});

describe('none mode', () => {
  const open = createAuth(parseAuthConfig({ AUTH_MODE: 'none' }));

  it('treats every request as the admin "anonymous"', async () => {
    const me = await open.routes.me(new Request(`${APP}/api/me`));
    expect(await me.json()).toEqual({ user: { id: 'anonymous', name: 'anonymous', email: null }, role: 'admin', authMode: 'none' });
    await expect(open.requireAccess(new Request(`${APP}/api/exports`), 'delete-any')).resolves.toMatchObject({ id: 'anonymous' });
  });

  it('has nothing to sign in to: login returns to the (safe) page, the callback is 404', async () => {
    const login = await open.routes.login(new Request(`${APP}/api/auth/login?returnTo=//evil.example`));
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/');
    expect((await open.routes.callback(new Request(`${APP}/api/auth/callback?code=x&state=y`))).status).toBe(404);
  });
});

describe('proxy mode /api/me', () => {
  const proxied = createAuth(
    parseAuthConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_SECRET: 'p'.repeat(32), ROLE_VIEWER_GROUPS: 'cdn-viewers' }),
  );

  it('answers 401 with how to reach the dashboard, and 403 for a user in no role group', async () => {
    const anonymous = await proxied.routes.me(new Request(`${APP}/api/me`));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'Unauthenticated', message: expect.stringContaining('single sign-on proxy') } });
    const stranger = await proxied.routes.me(
      new Request(`${APP}/api/me`, { headers: { 'x-auth-proxy-secret': 'p'.repeat(32), 'x-forwarded-user': 'sam' } }),
    );
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ error: { code: 'Forbidden', message: expect.stringContaining('This needs the viewer role') } });
  });
});

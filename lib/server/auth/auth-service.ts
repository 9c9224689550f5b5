import 'server-only';
/**
 * Sign-in for the whole server, per AUTH_MODE: who sent a request (`authenticate`), whether they may act
 * (`requireAccess`), and the framework-free logic of the sign-in routes (`/api/auth/login`, `/api/auth/callback`,
 * `/api/auth/logout`, `/api/me`), each `(request: Request) => Promise<Response>`.
 */
import * as client from 'openid-client';
import { HttpError, errorResponse, jsonResponse, NO_STORE } from '../api-response';
import { claimedOrigin } from '../origin-check';
import { getAuthConfig, type AuthConfig } from './auth-config';
import { logAuthEvent, logAuthRejected } from './auth-log';
import { authorize, unauthenticated } from './access';
import { createOidcClient, OidcCallbackError, type OidcClient } from './oidc-client';
import { ANONYMOUS_ID, type Principal } from './principal';
import { proxyIdentity } from './proxy-identity';
import { safeReturnTo } from './return-to';
import { roleForGroups, type Action } from './roles';
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
} from './session-cookie';

export interface Auth {
  readonly config: AuthConfig;
  /** The signed-in user, or null when the request proves no one. Never throws for bad input (it logs it). */
  authenticate(request: Request): Promise<Principal | null>;
  /** The signed-in user when they may do `action`; else throws HttpError 401 `Unauthenticated` or 403 `Forbidden`. */
  requireAccess(request: Request, action: Action): Promise<Principal>;
  routes: {
    /** GET /api/auth/login?returnTo=/path */
    login(request: Request): Promise<Response>;
    /** GET /api/auth/callback */
    callback(request: Request): Promise<Response>;
    /** POST /api/auth/logout */
    logout(request: Request): Promise<Response>;
    /** GET /api/me */
    me(request: Request): Promise<Response>;
  };
}

function redirect(location: string, status = 302, setCookies: string[] = []): Response {
  const headers = new Headers({ ...NO_STORE, Location: location });
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status, headers });
}

function withCookies(response: Response, setCookies: string[]): Response {
  for (const cookie of setCookies) response.headers.append('Set-Cookie', cookie);
  return response;
}

const ANONYMOUS: Principal = { id: ANONYMOUS_ID, name: 'anonymous', email: null, groups: [], role: 'admin' };

export function createAuth(config: AuthConfig, options: { oidcClient?: OidcClient } = {}): Auth {
  const oidc = config.mode === 'oidc' ? (options.oidcClient ?? createOidcClient(config.oidc, config.groupsClaim)) : null;

  async function authenticate(request: Request): Promise<Principal | null> {
    switch (config.mode) {
      case 'none':
        return ANONYMOUS;
      case 'proxy': {
        const identity = await proxyIdentity(request.headers, config.proxy, config.groupsClaim);
        return identity && { ...identity, role: roleForGroups(identity.groups, config.roleGroups) };
      }
      case 'oidc': {
        const value = readCookie(request, cookieName(config.session, 'session'));
        const session = await openSession(value, config.session);
        if (!session) {
          if (value) logAuthRejected('session cookie tampered, expired or made with another secret');
          return null;
        }
        return {
          id: session.sub,
          name: session.name,
          email: session.email,
          groups: session.groups,
          // From the groups at each request, so a change of ROLE_*_GROUPS applies to sessions already open.
          role: roleForGroups(session.groups, config.roleGroups),
        };
      }
    }
  }

  async function requireAccess(request: Request, action: Action): Promise<Principal> {
    return authorize(await authenticate(request), action, config.mode);
  }

  async function login(request: Request): Promise<Response> {
    const returnTo = safeReturnTo(new URL(request.url).searchParams.get('returnTo'));
    // Without built-in sign-in there is nothing to do here: whoever reached us is as signed in as they will be.
    if (config.mode !== 'oidc' || !oidc) return redirect(returnTo);
    const transaction = {
      state: client.randomState(),
      codeVerifier: client.randomPKCECodeVerifier(),
      nonce: client.randomNonce(),
      returnTo,
    };
    let url: URL;
    try {
      url = await oidc.authorizationUrl(transaction);
    } catch (error) {
      if (!(error instanceof OidcCallbackError)) throw error;
      logAuthRejected('sign-in provider unavailable', { step: 'login', detail: error.message });
      return errorResponse(new HttpError(503, 'AuthProviderUnavailable', 'The sign-in provider cannot be reached; try again shortly.', { retryAfterS: 5 }));
    }
    return redirect(url.href, 302, [loginSetCookie(await sealLogin(transaction, config.session), config.session)]);
  }

  async function callback(request: Request): Promise<Response> {
    if (config.mode !== 'oidc' || !oidc) {
      return errorResponse(new HttpError(404, 'NotFound', 'There is no sign-in callback: this server does not sign users in itself.'));
    }
    const settings = config.session;
    // Whatever happens, this login transaction is spent.
    const spent = [clearCookie(settings, 'login')];
    const query = new URL(request.url).searchParams;
    const transaction = await openLogin(readCookie(request, cookieName(settings, 'login')), settings);
    if (!transaction) {
      logAuthRejected('callback without a valid login transaction', { step: 'callback' });
      return withCookies(
        errorResponse(new HttpError(400, 'InvalidCallback', 'This sign-in was not started here or has expired; start the sign-in again.')),
        spent,
      );
    }
    const state = query.get('state');
    if (state !== transaction.state) {
      logAuthRejected('callback state does not match the login transaction', { step: 'callback', stateSent: state !== null });
      return withCookies(
        errorResponse(new HttpError(400, 'InvalidCallback', 'The sign-in answer does not belong to this sign-in (wrong state); start the sign-in again.')),
        spent,
      );
    }
    try {
      const session = await oidc.redeem(query, transaction);
      logAuthEvent('auth.signed-in', { user: session.sub, groups: session.groups.length });
      return redirect(`${config.oidc.appOrigin}${transaction.returnTo}`, 302, [
        ...spent,
        sessionSetCookie(await sealSession(session, settings), settings),
      ]);
    } catch (error) {
      if (!(error instanceof OidcCallbackError)) throw error;
      logAuthRejected('sign-in callback refused', { step: 'callback', kind: error.kind, providerError: error.providerError });
      const answer =
        error.kind === 'provider-unavailable'
          ? new HttpError(503, 'AuthProviderUnavailable', 'The sign-in provider cannot be reached; try again shortly.', { retryAfterS: 5 })
          : new HttpError(
              401,
              'SignInFailed',
              error.providerError
                ? `The sign-in provider refused the sign-in (${error.providerError}); start the sign-in again.`
                : `${error.message} Start the sign-in again.`,
            );
      return withCookies(errorResponse(answer), spent);
    }
  }

  async function logout(request: Request): Promise<Response> {
    // A page of another site must not sign the user out: a browser names the page's origin on every POST.
    if (config.mode === 'oidc') {
      const claimed = claimedOrigin(request.headers);
      if (!claimed || !config.oidc.appOrigins.includes(claimed)) {
        return errorResponse(new HttpError(403, 'ForbiddenOrigin', 'Sign-out must come from a page of this dashboard.'));
      }
    }
    let target = '/';
    const cookies: string[] = [];
    if (config.mode === 'oidc' && oidc) {
      const session = await openSession(readCookie(request, cookieName(config.session, 'session')), config.session);
      cookies.push(clearCookie(config.session, 'session'));
      target = (await oidc.endSessionUrl(session?.idToken))?.href ?? `${config.oidc.appOrigin}/`;
      logAuthEvent('auth.signed-out', { user: session?.sub ?? null });
    }
    // A script asks for JSON and navigates itself; a plain form post follows the 303.
    if ((request.headers.get('accept') ?? '').includes('application/json')) {
      return withCookies(jsonResponse({ redirectTo: target }), cookies);
    }
    return redirect(target, 303, cookies);
  }

  async function me(request: Request): Promise<Response> {
    try {
      const principal = await authenticate(request);
      if (!principal) throw unauthenticated(config.mode);
      const { role } = authorize(principal, 'list', config.mode);
      return jsonResponse({ user: { id: principal.id, name: principal.name, email: principal.email }, role, authMode: config.mode });
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      throw error;
    }
  }

  return { config, authenticate, requireAccess, routes: { login, callback, logout, me } };
}

let shared: Auth | undefined;

/** This process's sign-in, from the environment, made on first use. Throws AuthConfigError when misconfigured. */
export function getAuth(): Auth {
  shared ??= createAuth(getAuthConfig());
  return shared;
}

/** Tests only. */
export function resetAuthForTests(): void {
  shared = undefined;
}

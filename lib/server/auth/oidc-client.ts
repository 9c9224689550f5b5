import 'server-only';
/**
 * AUTH_MODE=oidc: the authorization code flow with PKCE, state and nonce, through openid-client. The provider's
 * metadata is discovered on first use (and again after a failed attempt), so a provider that is down at start-up
 * does not stop the server; sign-in answers 503 until it is back.
 */
import * as client from 'openid-client';
import { isLoopbackHost, type OidcSettings } from './auth-config';
import { claimAt, groupsFrom } from './principal';
import type { LoginTransaction, SessionData } from './session-cookie';

/** Why a callback was refused; the route turns it into 400/401/503. */
export class OidcCallbackError extends Error {
  constructor(
    readonly kind: 'provider-refused' | 'invalid-response' | 'provider-unavailable',
    message: string,
    /** The provider's OAuth error code when it sent one (`invalid_grant`, `access_denied`), for the log. */
    readonly providerError?: string,
  ) {
    super(message);
  }
}

/** An ID token bigger than this is not kept for the sign-out hint: the cookie must stay under browsers' 4 KB. */
const MAX_KEPT_ID_TOKEN = 1500;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export interface OidcClient {
  /** Where to send the browser to sign in, for a transaction whose secrets the caller keeps in the login cookie. */
  authorizationUrl(transaction: LoginTransaction): Promise<URL>;
  /** Redeems the callback (`?code=&state=`) for the user's session data. Throws OidcCallbackError. */
  redeem(callbackQuery: URLSearchParams, transaction: LoginTransaction): Promise<SessionData>;
  /** The provider's sign-out page (RP-initiated logout), or null when its metadata offers none. */
  endSessionUrl(idToken: string | undefined): Promise<URL | null>;
}

export function createOidcClient(settings: OidcSettings, groupsClaim: string): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        // openid-client refuses plain http; auth-config.ts allows it for loopback issuers only.
        execute: isLoopbackHost(settings.issuer.hostname) && settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  async function providerConfiguration(): Promise<client.Configuration> {
    try {
      return await configuration();
    } catch (error) {
      throw new OidcCallbackError(
        'provider-unavailable',
        `The sign-in provider at ${settings.issuer.origin} cannot be reached or did not answer as an OpenID Connect provider: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  return {
    async authorizationUrl(transaction) {
      const config = await providerConfiguration();
      return client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
      });
    },

    async redeem(callbackQuery, transaction) {
      const config = await providerConfiguration();
      // The redirect URI as registered, not as this request reached us (a proxy may have rewritten host or scheme).
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = callbackQuery.toString();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
          throw new OidcCallbackError('provider-refused', 'The sign-in provider refused the sign-in.', error.error);
        }
        if (error instanceof client.ClientError) {
          throw new OidcCallbackError('invalid-response', `The sign-in provider's answer was not valid (${error.code ?? 'unknown'}).`);
        }
        throw new OidcCallbackError('provider-unavailable', 'The sign-in provider could not be reached to finish the sign-in.');
      }
      let claims: Record<string, unknown> = { ...tokens.claims() };
      const sub = text(claims.sub);
      if (!sub) throw new OidcCallbackError('invalid-response', 'The ID token names no subject.');
      // Some providers put groups, name or email in userinfo only.
      const userinfoEndpoint = config.serverMetadata().userinfo_endpoint;
      if (userinfoEndpoint && (claimAt(claims, groupsClaim) === undefined || !text(claims.email) || !text(claims.name))) {
        try {
          const userinfo = await client.fetchUserInfo(config, tokens.access_token, sub);
          // The ID token's claims win where both have one: they were signed.
          claims = { ...userinfo, ...claims };
        } catch {
          // The ID token alone still names the user; groups missing only lowers their role.
        }
      }
      const idToken = tokens.id_token && tokens.id_token.length <= MAX_KEPT_ID_TOKEN ? tokens.id_token : undefined;
      return {
        sub,
        name: text(claims.name) ?? text(claims.preferred_username) ?? text(claims.email) ?? sub,
        email: text(claims.email),
        groups: groupsFrom(claimAt(claims, groupsClaim)),
        ...(idToken ? { idToken } : {}),
      };
    },

    async endSessionUrl(idToken) {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch {
        return null;
      }
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, {
        post_logout_redirect_uri: `${settings.appOrigin}/`,
        client_id: settings.clientId,
        ...(idToken ? { id_token_hint: idToken } : {}),
      });
    },
  };
}

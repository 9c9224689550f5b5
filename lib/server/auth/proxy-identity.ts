import 'server-only';
/**
 * AUTH_MODE=proxy: the user as a single sign-on proxy in front names them. The proxy must prove itself, either with
 * the shared secret in `X-Auth-Proxy-Secret` or with a JWT that its key set signed; identity headers without that
 * proof are never believed (anyone who reaches the server directly could send them).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { ProxyJwtSettings, ProxySettings } from './auth-config';
import { logAuthRejected } from './auth-log';
import { claimAt, groupsFrom } from './principal';

/** Who the proxy says the user is, before roles. */
export interface ProxyIdentity {
  id: string;
  name: string;
  email: string | null;
  groups: string[];
}

const PROXY_SECRET_HEADER = 'x-auth-proxy-secret';
const IDENTITY_HEADERS = ['x-forwarded-user', 'x-forwarded-email', 'x-forwarded-groups', 'x-forwarded-preferred-username'];

/** Asymmetric only: `none` and the HMAC family (HS256 "signed" with the public key) are refused by jose. */
const PROXY_JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Equal secrets, compared in constant time (hashing first makes the lengths equal, so length leaks nothing either). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(url: URL): ReturnType<typeof createRemoteJWKSet> {
  let set = keySets.get(url.href);
  if (!set) {
    set = createRemoteJWKSet(url, { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    keySets.set(url.href, set);
  }
  return set;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

async function fromJwt(token: string, jwt: ProxyJwtSettings, groupsClaim: string): Promise<ProxyIdentity | null> {
  try {
    const { payload } = await jwtVerify(token, keySet(jwt.jwksUrl), {
      issuer: jwt.issuer,
      audience: jwt.audience,
      algorithms: PROXY_JWT_ALGORITHMS,
      requiredClaims: ['sub', 'exp'],
    });
    const claims = payload as Record<string, unknown>;
    const id = text(payload.sub)!;
    const email = text(claims.email);
    return {
      id,
      name: text(claims.name) ?? text(claims.preferred_username) ?? id,
      email,
      groups: groupsFrom(claimAt(claims, groupsClaim)),
    };
  } catch (error) {
    // The code says which check failed (audience, issuer, signature, expiry, algorithm); the token is not logged.
    const code = error instanceof joseErrors.JOSEError ? error.code : 'ERR_UNEXPECTED';
    logAuthRejected('proxy JWT refused', { code, header: jwt.header });
    return null;
  }
}

function fromHeaders(headers: Headers): ProxyIdentity | null {
  const user = text(headers.get('x-forwarded-user'));
  const email = text(headers.get('x-forwarded-email'));
  const id = user ?? email;
  if (!id) {
    logAuthRejected('proxy proved itself but named no user (X-Forwarded-User or X-Forwarded-Email)');
    return null;
  }
  return {
    id,
    name: text(headers.get('x-forwarded-preferred-username')) ?? id,
    email,
    groups: groupsFrom(headers.get('x-forwarded-groups') ?? ''),
  };
}

/** The user the proxy vouches for, or null (not signed in, or the proof failed: logged). */
export async function proxyIdentity(headers: Headers, settings: ProxySettings, groupsClaim: string): Promise<ProxyIdentity | null> {
  if (settings.jwt) {
    const raw = headers.get(settings.jwt.header);
    if (raw) {
      // oauth2-proxy and others can send it as `Authorization: Bearer <jwt>`.
      const token = raw.replace(/^Bearer\s+/i, '').trim();
      return fromJwt(token, settings.jwt, groupsClaim);
    }
  }
  const secret = headers.get(PROXY_SECRET_HEADER);
  if (settings.secret && secret !== null) {
    if (sameSecret(secret, settings.secret)) return fromHeaders(headers);
    logAuthRejected('wrong proxy secret');
    return null;
  }
  if (IDENTITY_HEADERS.some((name) => headers.has(name)) || secret !== null) {
    logAuthRejected('identity headers without the proxy\'s proof were ignored');
  }
  return null;
}

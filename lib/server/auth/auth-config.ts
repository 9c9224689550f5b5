import 'server-only';
/**
 * Who may use the dashboard, read from the environment once and validated (README, "Sign-in and roles"). A server
 * whose sign-in cannot work, or would be weak, refuses to start with one line naming the problem (startup-check.ts
 * calls authConfigProblem()), instead of failing every sign-in or quietly trusting anyone.
 */
import { z } from 'zod';
import { BrandedError } from '../error-brand';
import { toOrigin } from '../config';
import type { RoleGroups } from './roles';

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The redirect URI registered at the provider: `<first APP_ORIGIN>/api/auth/callback`. */
  redirectUri: string;
  /** The first APP_ORIGIN: where the provider sends the user back after signing out. */
  appOrigin: string;
  /** Every APP_ORIGIN: the pages that may sign the user out. */
  appOrigins: string[];
}

export interface SessionSettings {
  secret: string;
  maxAgeS: number;
  /** Cookies get `Secure` (and the `__Host-` prefix) when the dashboard is served over https. */
  secure: boolean;
}

export interface ProxyJwtSettings {
  header: string;
  jwksUrl: URL;
  issuer: string;
  audience: string;
}

export interface ProxySettings {
  /** The shared secret the proxy sends in `X-Auth-Proxy-Secret`; null when only the JWT is accepted. */
  secret: string | null;
  jwt: ProxyJwtSettings | null;
}

interface CommonSettings {
  groupsClaim: string;
  roleGroups: RoleGroups;
}

export type AuthConfig =
  | (CommonSettings & { mode: 'oidc'; oidc: OidcSettings; session: SessionSettings })
  | (CommonSettings & { mode: 'proxy'; proxy: ProxySettings })
  | (CommonSettings & { mode: 'none' });

export class AuthConfigError extends BrandedError('AuthConfigError') {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const MIN_SECRET_LENGTH = 32;

/** `localhost`, 127.0.0.0/8 and ::1: the only hosts a plain-http issuer or key set may live on. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankIsUnset, z.string().trim().optional());

/** A comma-separated list of group names; blanks dropped. */
function groupList(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const envSchema = z.object({
  AUTH_MODE: optionalText,
  OIDC_ISSUER: optionalText,
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_SCOPES: optionalText,
  OIDC_GROUPS_CLAIM: optionalText,
  SESSION_SECRET: z.preprocess(blankIsUnset, z.string().optional()),
  SESSION_MAX_AGE_S: optionalText,
  APP_ORIGIN: optionalText,
  AUTH_PROXY_SECRET: z.preprocess(blankIsUnset, z.string().optional()),
  AUTH_PROXY_JWT_HEADER: optionalText,
  AUTH_PROXY_JWKS_URL: optionalText,
  AUTH_PROXY_ISSUER: optionalText,
  AUTH_PROXY_AUDIENCE: optionalText,
  ROLE_ADMIN_GROUPS: z.preprocess(blankIsUnset, z.string().optional()),
  ROLE_OPERATOR_GROUPS: z.preprocess(blankIsUnset, z.string().optional()),
  ROLE_VIEWER_GROUPS: z.preprocess(blankIsUnset, z.string().optional()),
});

type Env = z.infer<typeof envSchema>;

/** An http(s) URL; plain http only on loopback, where nobody can read or change it in transit. */
function secureUrl(name: string, value: string, problems: string[]): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} is not a URL (for example https://login.example.com/realms/ops)`);
    return null;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url;
    problems.push(`${name} must be an https:// URL (plain http is allowed on loopback only): ${url.origin}`);
    return null;
  }
  problems.push(`${name} must be an https:// URL`);
  return null;
}

function strongSecret(name: string, value: string | undefined, problems: string[], why: string): string | null {
  if (value === undefined) {
    problems.push(`${name} is not set (${why}; at least ${MIN_SECRET_LENGTH} characters, e.g. from \`openssl rand -base64 48\`)`);
    return null;
  }
  if (value.length < MIN_SECRET_LENGTH) {
    problems.push(`${name} is too short: it needs at least ${MIN_SECRET_LENGTH} characters (e.g. from \`openssl rand -base64 48\`)`);
    return null;
  }
  return value;
}

function appOrigins(env: Env, problems: string[], mode: string): string[] | null {
  const parts = env.APP_ORIGIN?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  if (parts.length === 0) {
    problems.push(`APP_ORIGIN is not set; AUTH_MODE=${mode} needs it for the sign-in redirect URI (for example https://cdn-exports.example.com)`);
    return null;
  }
  const origins: string[] = [];
  for (const part of parts) {
    const origin = toOrigin(part);
    if (!origin) {
      problems.push(`APP_ORIGIN "${part}" is not an http(s) origin (for example https://cdn-exports.example.com)`);
      return null;
    }
    origins.push(origin);
  }
  return origins;
}

function oidcSettings(env: Env, problems: string[]): { oidc: OidcSettings; session: SessionSettings } | null {
  const missing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((name) => env[name] === undefined);
  if (missing.length > 0) problems.push(`AUTH_MODE=oidc needs ${missing.join(', ')}`);
  const issuer = env.OIDC_ISSUER === undefined ? null : secureUrl('OIDC_ISSUER', env.OIDC_ISSUER, problems);
  const secret = strongSecret('SESSION_SECRET', env.SESSION_SECRET, problems, 'it encrypts the session cookie');
  const origins = appOrigins(env, problems, 'oidc');
  const origin = origins?.[0];
  let maxAgeS = 28_800;
  if (env.SESSION_MAX_AGE_S !== undefined) {
    const n = Number(env.SESSION_MAX_AGE_S);
    if (!/^\d+$/.test(env.SESSION_MAX_AGE_S) || n < 60 || n > 2_592_000) {
      problems.push('SESSION_MAX_AGE_S must be a whole number of seconds from 60 to 2592000 (30 days)');
    } else {
      maxAgeS = n;
    }
  }
  if (!issuer || !secret || !origins || !origin || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    oidc: {
      issuer,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      scopes: env.OIDC_SCOPES ?? 'openid profile email',
      redirectUri: `${origin}/api/auth/callback`,
      appOrigin: origin,
      appOrigins: origins,
    },
    session: { secret, maxAgeS, secure: origin.startsWith('https:') },
  };
}

function proxySettings(env: Env, problems: string[]): ProxySettings | null {
  const jwtNames = ['AUTH_PROXY_JWT_HEADER', 'AUTH_PROXY_JWKS_URL', 'AUTH_PROXY_ISSUER', 'AUTH_PROXY_AUDIENCE'] as const;
  const jwtGiven = jwtNames.filter((name) => env[name] !== undefined);
  if (env.AUTH_PROXY_SECRET === undefined && jwtGiven.length === 0) {
    problems.push(
      'AUTH_MODE=proxy needs AUTH_PROXY_SECRET (the proxy sends it in X-Auth-Proxy-Secret) or AUTH_PROXY_JWT_HEADER, AUTH_PROXY_JWKS_URL, AUTH_PROXY_ISSUER and AUTH_PROXY_AUDIENCE',
    );
    return null;
  }
  let ok = true;
  let secret: string | null = null;
  if (env.AUTH_PROXY_SECRET !== undefined) {
    secret = strongSecret('AUTH_PROXY_SECRET', env.AUTH_PROXY_SECRET, problems, 'the proxy proves itself with it');
    ok &&= secret !== null;
  }
  let jwt: ProxyJwtSettings | null = null;
  if (jwtGiven.length > 0) {
    const missing = jwtNames.filter((name) => env[name] === undefined);
    if (missing.length > 0) {
      problems.push(`A proxy JWT needs ${missing.join(', ')} too`);
      return null;
    }
    const header = env.AUTH_PROXY_JWT_HEADER!;
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
      problems.push(`AUTH_PROXY_JWT_HEADER "${header}" is not a header name`);
      return null;
    }
    const jwksUrl = secureUrl('AUTH_PROXY_JWKS_URL', env.AUTH_PROXY_JWKS_URL!, problems);
    if (!jwksUrl) return null;
    jwt = { header: header.toLowerCase(), jwksUrl, issuer: env.AUTH_PROXY_ISSUER!, audience: env.AUTH_PROXY_AUDIENCE! };
  }
  return ok ? { secret, jwt } : null;
}

/** Pure: validates an environment. Throws AuthConfigError naming every problem. */
export function parseAuthConfig(env: Record<string, string | undefined>): AuthConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new AuthConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const v = parsed.data;
  const problems: string[] = [];
  const common: CommonSettings = {
    groupsClaim: v.OIDC_GROUPS_CLAIM ?? 'groups',
    roleGroups: {
      admin: groupList(v.ROLE_ADMIN_GROUPS, []),
      operator: groupList(v.ROLE_OPERATOR_GROUPS, []),
      viewer: groupList(v.ROLE_VIEWER_GROUPS, ['*']),
    },
  };
  const mode = v.AUTH_MODE?.toLowerCase();
  if (mode === undefined) {
    throw new AuthConfigError([
      'AUTH_MODE is not set: choose oidc (built-in sign-in), proxy (a single sign-on proxy in front) or none (no sign-in; anyone who can reach the server may create and delete exports)',
    ]);
  }
  if (mode === 'none') return { ...common, mode: 'none' };
  if (mode === 'oidc') {
    const settings = oidcSettings(v, problems);
    if (settings && problems.length === 0) return { ...common, mode: 'oidc', ...settings };
  } else if (mode === 'proxy') {
    const proxy = proxySettings(v, problems);
    if (proxy && problems.length === 0) return { ...common, mode: 'proxy', proxy };
  } else {
    problems.push(`AUTH_MODE "${v.AUTH_MODE}" is not one of oidc, proxy, none`);
  }
  throw new AuthConfigError(problems);
}

let cached: AuthConfig | undefined;

/** The sign-in configuration of this process, read on first use. Throws AuthConfigError. */
export function getAuthConfig(): AuthConfig {
  cached ??= parseAuthConfig(process.env);
  return cached;
}

/** Tests only: forget the memoised configuration. */
export function resetAuthConfigForTests(): void {
  cached = undefined;
}

/** For the start-up check: null when sign-in is configured well, else one line naming what to fix. */
export function authConfigProblem(env: Record<string, string | undefined> = process.env): string | null {
  try {
    parseAuthConfig(env);
    return null;
  } catch (error) {
    if (error instanceof AuthConfigError) return `Sign-in configuration error: ${error.message}`;
    throw error;
  }
}

import { describe, expect, it } from 'vitest';
import { authConfigProblem, isLoopbackHost, parseAuthConfig } from './auth-config';

const SECRET = 'x'.repeat(32);
const OIDC = {
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: 'https://login.example.com/realms/ops',
  OIDC_CLIENT_ID: 'dashboard',
  OIDC_CLIENT_SECRET: 'client-secret',
  SESSION_SECRET: SECRET,
  APP_ORIGIN: 'https://cdn-exports.example.com, https://other.example.com',
};

describe('auth configuration', () => {
  it('refuses to start without AUTH_MODE, naming the choices', () => {
    expect(authConfigProblem({})).toMatch(/^Sign-in configuration error: AUTH_MODE is not set: choose oidc .* proxy .* none/);
    expect(authConfigProblem({ AUTH_MODE: '  ' })).toMatch(/AUTH_MODE is not set/);
    expect(authConfigProblem({ AUTH_MODE: 'saml' })).toMatch(/AUTH_MODE "saml" is not one of oidc, proxy, none/);
  });

  it('reads oidc mode with its defaults and the redirect URI from the first origin', () => {
    const config = parseAuthConfig(OIDC);
    expect(config.mode).toBe('oidc');
    if (config.mode !== 'oidc') return;
    expect(config.oidc.redirectUri).toBe('https://cdn-exports.example.com/api/auth/callback');
    expect(config.oidc.appOrigins).toEqual(['https://cdn-exports.example.com', 'https://other.example.com']);
    expect(config.oidc.scopes).toBe('openid profile email');
    expect(config.groupsClaim).toBe('groups');
    expect(config.session).toEqual({ secret: SECRET, maxAgeS: 28_800, secure: true });
    expect(config.roleGroups).toEqual({ admin: [], operator: [], viewer: ['*'] });
    expect(authConfigProblem(OIDC)).toBeNull();
  });

  it('names the missing settings of oidc mode', () => {
    expect(authConfigProblem({ AUTH_MODE: 'oidc' })).toBe(
      'Sign-in configuration error: AUTH_MODE=oidc needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET; SESSION_SECRET is not set (it encrypts the session cookie; at least 32 characters, e.g. from `openssl rand -base64 48`); APP_ORIGIN is not set; AUTH_MODE=oidc needs it for the sign-in redirect URI (for example https://cdn-exports.example.com)',
    );
  });

  it('refuses a short SESSION_SECRET', () => {
    expect(authConfigProblem({ ...OIDC, SESSION_SECRET: 'x'.repeat(31) })).toMatch(/SESSION_SECRET is too short: it needs at least 32 characters/);
  });

  it('refuses an http issuer outside loopback, and allows it on loopback', () => {
    expect(authConfigProblem({ ...OIDC, OIDC_ISSUER: 'http://login.example.com' })).toMatch(
      /OIDC_ISSUER must be an https:\/\/ URL \(plain http is allowed on loopback only\): http:\/\/login.example.com/,
    );
    expect(authConfigProblem({ ...OIDC, OIDC_ISSUER: 'ftp://login.example.com' })).toMatch(/OIDC_ISSUER must be an https/);
    expect(authConfigProblem({ ...OIDC, OIDC_ISSUER: 'not a url' })).toMatch(/OIDC_ISSUER is not a URL/);
    for (const issuer of ['http://127.0.0.1:4300', 'http://localhost:4300', 'http://[::1]:4300']) {
      expect(authConfigProblem({ ...OIDC, OIDC_ISSUER: issuer })).toBeNull();
    }
  });

  it('makes cookies Secure only for an https origin, and checks SESSION_MAX_AGE_S', () => {
    const config = parseAuthConfig({ ...OIDC, APP_ORIGIN: 'http://localhost:3000', SESSION_MAX_AGE_S: '600' });
    expect(config.mode === 'oidc' && config.session).toEqual({ secret: SECRET, maxAgeS: 600, secure: false });
    expect(authConfigProblem({ ...OIDC, SESSION_MAX_AGE_S: '10' })).toMatch(/SESSION_MAX_AGE_S must be a whole number/);
    expect(authConfigProblem({ ...OIDC, APP_ORIGIN: 'cdn.example.com' })).toMatch(/APP_ORIGIN "cdn.example.com" is not an http\(s\) origin/);
  });

  it('reads proxy mode with a shared secret, a JWT, or both', () => {
    const secretOnly = parseAuthConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_SECRET: SECRET });
    expect(secretOnly.mode === 'proxy' && secretOnly.proxy).toEqual({ secret: SECRET, jwt: null });
    const jwt = parseAuthConfig({
      AUTH_MODE: 'proxy',
      AUTH_PROXY_JWT_HEADER: 'Cf-Access-Jwt-Assertion',
      AUTH_PROXY_JWKS_URL: 'https://team.example.com/cdn-cgi/access/certs',
      AUTH_PROXY_ISSUER: 'https://team.example.com',
      AUTH_PROXY_AUDIENCE: 'aud-tag',
    });
    expect(jwt.mode === 'proxy' && jwt.proxy.jwt?.header).toBe('cf-access-jwt-assertion');
    expect(jwt.mode === 'proxy' && jwt.proxy.secret).toBeNull();
  });

  it('names what proxy mode lacks or has weak', () => {
    expect(authConfigProblem({ AUTH_MODE: 'proxy' })).toMatch(/AUTH_MODE=proxy needs AUTH_PROXY_SECRET .* or AUTH_PROXY_JWT_HEADER/);
    expect(authConfigProblem({ AUTH_MODE: 'proxy', AUTH_PROXY_SECRET: 'short' })).toMatch(/AUTH_PROXY_SECRET is too short/);
    expect(authConfigProblem({ AUTH_MODE: 'proxy', AUTH_PROXY_JWT_HEADER: 'X-Jwt' })).toMatch(
      /A proxy JWT needs AUTH_PROXY_JWKS_URL, AUTH_PROXY_ISSUER, AUTH_PROXY_AUDIENCE too/,
    );
    expect(
      authConfigProblem({
        AUTH_MODE: 'proxy',
        AUTH_PROXY_JWT_HEADER: 'X-Jwt',
        AUTH_PROXY_JWKS_URL: 'http://sso.example.com/jwks',
        AUTH_PROXY_ISSUER: 'https://sso.example.com',
        AUTH_PROXY_AUDIENCE: 'dashboard',
      }),
    ).toMatch(/AUTH_PROXY_JWKS_URL must be an https:\/\/ URL \(plain http is allowed on loopback only\)/);
  });

  it('reads none mode and the role groups', () => {
    const config = parseAuthConfig({
      AUTH_MODE: 'NONE',
      ROLE_ADMIN_GROUPS: 'cdn-admins, ops ',
      ROLE_OPERATOR_GROUPS: 'cdn-operators',
      ROLE_VIEWER_GROUPS: 'cdn-viewers',
      OIDC_GROUPS_CLAIM: 'realm_access.roles',
    });
    expect(config.mode).toBe('none');
    expect(config.roleGroups).toEqual({ admin: ['cdn-admins', 'ops'], operator: ['cdn-operators'], viewer: ['cdn-viewers'] });
    expect(config.groupsClaim).toBe('realm_access.roles');
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'app.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['example.com', '10.0.0.1', '127.0.0.1.nip.io', 'localhost.example.com'].some(isLoopbackHost)).toBe(false);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parseAuthConfig } from './auth-config';
import { createAuth, type Auth } from './auth-service';

const SECRET = 'proxy-secret-'.padEnd(40, 'x');
const ROLES = { ROLE_ADMIN_GROUPS: 'cdn-admins', ROLE_OPERATOR_GROUPS: 'cdn-operators', ROLE_VIEWER_GROUPS: 'cdn-viewers' };
const ISSUER = 'https://sso.example.com';
const AUDIENCE = 'cdn-dashboard';

let server: Server;
let jwksUrl: string;
let signingKey: CryptoKey;
let publicPem: string;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  publicPem = await exportSPKI(pair.publicKey);
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'proxy-key', alg: 'RS256', use: 'sig' }] };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let warn: MockInstance;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  return () => warn.mockRestore();
});

function loggedText(): string {
  return warn.mock.calls.map((call) => String(call[0])).join('\n');
}

function request(headers: Record<string, string>): Request {
  return new Request('http://localhost:3000/api/exports', { headers });
}

describe('proxy mode with the shared secret', () => {
  let auth: Auth;
  beforeAll(() => {
    auth = createAuth(parseAuthConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_SECRET: SECRET, ...ROLES }));
  });

  it('believes the identity headers that come with the secret', async () => {
    const principal = await auth.authenticate(
      request({
        'X-Auth-Proxy-Secret': SECRET,
        'X-Forwarded-User': 'u-1234',
        'X-Forwarded-Email': 'oscar@example.com',
        'X-Forwarded-Groups': 'staff, cdn-operators',
        'X-Forwarded-Preferred-Username': 'Oscar Operator',
      }),
    );
    expect(principal).toEqual({
      id: 'u-1234',
      name: 'Oscar Operator',
      email: 'oscar@example.com',
      groups: ['staff', 'cdn-operators'],
      role: 'operator',
    });
  });

  it('names the user by their id when no preferred username is sent, and gives no role outside the groups', async () => {
    const principal = await auth.authenticate(request({ 'X-Auth-Proxy-Secret': SECRET, 'X-Forwarded-User': 'u-9' }));
    expect(principal).toEqual({ id: 'u-9', name: 'u-9', email: null, groups: [], role: null });
  });

  it('never believes forged identity headers without the secret, or with a wrong one', async () => {
    const forged = { 'X-Forwarded-User': 'ada', 'X-Forwarded-Email': 'ada@example.com', 'X-Forwarded-Groups': 'cdn-admins' };
    expect(await auth.authenticate(request(forged))).toBeNull();
    expect(await auth.authenticate(request({ ...forged, 'X-Auth-Proxy-Secret': `${SECRET}y` }))).toBeNull();
    expect(await auth.authenticate(request({ ...forged, 'X-Auth-Proxy-Secret': '' }))).toBeNull();
    expect(loggedText()).toMatch(/identity headers without the proxy's proof were ignored/);
    expect(loggedText()).toMatch(/wrong proxy secret/);
    expect(loggedText()).not.toContain(SECRET);
  });

  it('answers a request without identity as not signed in', async () => {
    expect(await auth.authenticate(request({}))).toBeNull();
    expect(await auth.authenticate(request({ 'X-Auth-Proxy-Secret': SECRET }))).toBeNull();
  });

  it('makes requireAccess throw 401 Unauthenticated and 403 Forbidden naming the role', async () => {
    await expect(auth.requireAccess(request({}), 'list')).rejects.toMatchObject({ status: 401, code: 'Unauthenticated' });
    const viewer = request({ 'X-Auth-Proxy-Secret': SECRET, 'X-Forwarded-User': 'v', 'X-Forwarded-Groups': 'cdn-viewers' });
    await expect(auth.requireAccess(viewer, 'list')).resolves.toMatchObject({ id: 'v', role: 'viewer' });
    await expect(auth.requireAccess(viewer, 'create')).rejects.toMatchObject({
      status: 403,
      code: 'Forbidden',
      message: 'This needs the operator role; you are a viewer.',
    });
  });
});

describe('proxy mode with a signed JWT', () => {
  let auth: Auth;
  beforeAll(() => {
    auth = createAuth(
      parseAuthConfig({
        AUTH_MODE: 'proxy',
        AUTH_PROXY_JWT_HEADER: 'X-Pomerium-Jwt-Assertion',
        AUTH_PROXY_JWKS_URL: jwksUrl,
        AUTH_PROXY_ISSUER: ISSUER,
        AUTH_PROXY_AUDIENCE: AUDIENCE,
        ...ROLES,
      }),
    );
  });

  const claims: JWTPayload = { sub: 'ada-1', email: 'ada@example.com', name: 'Ada Admin', groups: ['cdn-admins'] };

  function sign(
    overrides: { payload?: JWTPayload; issuer?: string; audience?: string; expiresAt?: number | string; key?: CryptoKey } = {},
  ): Promise<string> {
    return new SignJWT({ ...claims, ...overrides.payload })
      .setProtectedHeader({ alg: 'RS256', kid: 'proxy-key' })
      .setIssuer(overrides.issuer ?? ISSUER)
      .setAudience(overrides.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(overrides.expiresAt ?? '5m')
      .sign(overrides.key ?? signingKey);
  }

  function withJwt(token: string): Request {
    return request({ 'X-Pomerium-Jwt-Assertion': token });
  }

  it('believes a JWT its key set signed, for the right issuer and audience', async () => {
    expect(await auth.authenticate(withJwt(await sign()))).toEqual({
      id: 'ada-1',
      name: 'Ada Admin',
      email: 'ada@example.com',
      groups: ['cdn-admins'],
      role: 'admin',
    });
    // Sent as a bearer token, as oauth2-proxy can.
    expect(await auth.authenticate(withJwt(`Bearer ${await sign()}`))).toMatchObject({ id: 'ada-1' });
  });

  it.each([
    ['the wrong audience', () => sign({ audience: 'another-app' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['the wrong issuer', () => sign({ issuer: 'https://evil.example' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['an expired token', () => sign({ expiresAt: Math.floor(Date.now() / 1000) - 60 }), 'ERR_JWT_EXPIRED'],
    ['a bad signature', () => sign({ key: otherKey }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    ['alg none', async () => new UnsecuredJWT(claims).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode(), 'ERR_JOSE_ALG_NOT_ALLOWED'],
    [
      'HS256 keyed with the public key',
      () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', kid: 'proxy-key' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(publicPem)),
      'ERR_JOSE_ALG_NOT_ALLOWED',
    ],
    ['a token without a subject', () => sign({ payload: { sub: undefined } }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['garbage', async () => 'not.a.jwt', 'ERR_JWS_INVALID'],
  ])('refuses %s, and logs why without the token', async (_name, make, code) => {
    const token = await make();
    expect(await auth.authenticate(withJwt(token))).toBeNull();
    expect(loggedText()).toContain(`"code":"${code}"`);
    expect(loggedText()).not.toContain(token);
  });

  it('ignores identity headers and the shared secret when only the JWT is configured', async () => {
    const forged = request({ 'X-Auth-Proxy-Secret': SECRET, 'X-Forwarded-User': 'ada', 'X-Forwarded-Groups': 'cdn-admins' });
    expect(await auth.authenticate(forged)).toBeNull();
  });

  it('reads the groups from a nested claim when OIDC_GROUPS_CLAIM names one', async () => {
    const nested = createAuth(
      parseAuthConfig({
        AUTH_MODE: 'proxy',
        AUTH_PROXY_JWT_HEADER: 'X-Pomerium-Jwt-Assertion',
        AUTH_PROXY_JWKS_URL: jwksUrl,
        AUTH_PROXY_ISSUER: ISSUER,
        AUTH_PROXY_AUDIENCE: AUDIENCE,
        OIDC_GROUPS_CLAIM: 'realm_access.roles',
        ...ROLES,
      }),
    );
    const token = await sign({ payload: { groups: undefined, realm_access: { roles: ['cdn-operators'] } } });
    expect(await nested.authenticate(withJwt(token))).toMatchObject({ groups: ['cdn-operators'], role: 'operator' });
  });
});

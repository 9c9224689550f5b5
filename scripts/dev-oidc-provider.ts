/**
 * A development OpenID Connect provider (the `oidc-provider` package, a certified implementation) on loopback, so
 * that `npm run dev` and the tests sign in through a real authorization code flow with PKCE, without any setup.
 * Its sign-in page lists three users, chosen with one click and no password (README, "Sign-in and roles").
 * Never for production: anyone who reaches it can be anyone.
 *
 *   node --import tsx scripts/dev-oidc-provider.ts
 *
 * reads DEV_OIDC_PORT (default 4300), APP_ORIGIN (else http://localhost:$PORT, PORT default 3000) for the redirect
 * URIs, and OIDC_CLIENT_ID / OIDC_CLIENT_SECRET when set (so that one environment serves it and the dashboard), else
 * DEV_OIDC_CLIENT_ID / DEV_OIDC_CLIENT_SECRET below.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export interface DevUser {
  id: string;
  name: string;
  email: string;
  groups: string[];
}

export const DEV_USERS: readonly DevUser[] = [
  { id: 'vera', name: 'Vera Viewer', email: 'vera@example.com', groups: ['cdn-viewers'] },
  { id: 'oscar', name: 'Oscar Operator', email: 'oscar@example.com', groups: ['cdn-operators'] },
  { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', groups: ['cdn-admins'] },
];

export const DEV_OIDC_CLIENT_ID = 'cdn-usage-exports-dev';
export const DEV_OIDC_CLIENT_SECRET = 'dev-only-client-secret-never-use-in-production';

export interface DevOidcProviderOptions {
  /** 0 picks a free port. Default: DEV_OIDC_PORT or 4300. */
  port?: number;
  host?: string;
  /** The dashboard's origins: each gets `<origin>/api/auth/callback` as a redirect URI. */
  appOrigins: string[];
  clientId?: string;
  clientSecret?: string;
}

export interface DevOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment the dashboard needs to sign in through this provider (AUTH_MODE=oidc and the roles' groups). */
  appEnv: Record<string, string>;
  close(): Promise<void>;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0;padding:48px 16px}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:24px 28px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.3rem;margin:0 0 4px}p{color:#52525b;margin:0 0 20px}
ul{list-style:none;margin:0;padding:0}li{margin:0 0 12px}
button{width:100%;text-align:left;font:inherit;font-weight:600;padding:12px 16px;border:1px solid #d4d4d8;border-radius:8px;background:#fff;cursor:pointer}
button:hover{background:#f4f4f5}button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.detail{display:block;font-weight:400;color:#52525b;font-size:.9rem;margin-top:2px}
</style></head><body><main>${body}</main></body></html>`;
}

function signInPage(uid: string): string {
  const users = DEV_USERS.map(
    (user) => `<li><form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<input type="hidden" name="account" value="${escapeHtml(user.id)}">
<button type="submit" aria-describedby="user-${escapeHtml(user.id)}">${escapeHtml(user.name)}</button>
<span class="detail" id="user-${escapeHtml(user.id)}">${escapeHtml(user.email)} · group ${escapeHtml(user.groups.join(', '))}</span>
</form></li>`,
  ).join('\n');
  return page(
    'Sign in (development provider)',
    `<h1>Sign in</h1><p>Development provider: choose a user. No password; never use this in production.</p><ul>${users}</ul>`,
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    const details = await provider.interactionDetails(req, res);
    const loginPath = `/interaction/${details.uid}/login`;
    if (req.method === 'GET' && path === `/interaction/${details.uid}`) {
      sendHtml(res, 200, signInPage(details.uid));
      return;
    }
    if (req.method === 'POST' && path === loginPath) {
      const account = (await readForm(req)).get('account');
      const user = DEV_USERS.find((u) => u.id === account);
      if (!user) {
        sendHtml(res, 400, page('Unknown user', '<h1>Unknown user</h1><p>Choose one of the listed users.</p>'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
      return;
    }
    sendHtml(res, 404, page('Not found', '<h1>Not found</h1>'));
  } catch (error) {
    sendHtml(
      res,
      400,
      page('Sign-in expired', `<h1>This sign-in has expired</h1><p>${escapeHtml(error instanceof Error ? error.message : 'Start again from the dashboard.')}</p>`),
    );
  }
}

async function providerConfiguration(options: Required<Omit<DevOidcProviderOptions, 'port' | 'host'>>): Promise<Configuration> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'dev-signing-key', use: 'sig', alg: 'RS256' };
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        client_name: 'CDN usage exports (development)',
        redirect_uris: options.appOrigins.map((origin) => `${origin}/api/auth/callback`),
        post_logout_redirect_uris: options.appOrigins.map((origin) => `${origin}/`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client's default way of sending the secret.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    ttl: { Session: 8 * 3600, Grant: 8 * 3600, Interaction: 3600, AuthorizationCode: 60, IdToken: 3600, AccessToken: 3600 },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'groups'],
      groups: ['groups'],
    },
    // The dashboard reads name, email and groups from the ID token.
    conformIdTokenClaims: false,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = page(
            'Sign out (development provider)',
            `<h1>Sign out</h1><p>Sign out of the development provider too?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>`,
          );
        },
        postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.body = page('Signed out', '<h1>Signed out</h1><p>You are signed out of the development provider.</p>');
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const user = DEV_USERS.find((u) => u.id === id);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: () => ({
          sub: user.id,
          name: user.name,
          preferred_username: user.email,
          email: user.email,
          email_verified: true,
          groups: user.groups,
        }),
      };
    },
    // A first-party client: the user is never asked to consent to the dashboard.
    async loadExistingGrant(ctx) {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email groups');
      await grant.save();
      ctx.oidc.session!.grantIdFor(clientId, grant.jti);
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p>`);
    },
  };
}

/** Starts the provider; resolves once it is listening. */
export async function startDevOidcProvider(options: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.DEV_OIDC_PORT ?? 4300);
  const clientId = options.clientId ?? DEV_OIDC_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEV_OIDC_CLIENT_SECRET;
  if (options.appOrigins.length === 0) throw new Error('startDevOidcProvider needs at least one app origin');

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  const provider = new Provider(issuer, await providerConfiguration({ appOrigins: options.appOrigins, clientId, clientSecret }));
  const providerHandler = provider.callback();
  handler = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path.startsWith('/interaction/')) {
      void handleInteraction(provider, req, res, path);
      return;
    }
    providerHandler(req, res);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    appEnv: {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      ROLE_ADMIN_GROUPS: 'cdn-admins',
      ROLE_OPERATOR_GROUPS: 'cdn-operators',
      ROLE_VIEWER_GROUPS: 'cdn-viewers',
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const appOrigins = (process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? '3000'}`)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const provider = await startDevOidcProvider({
    appOrigins,
    clientId: process.env.OIDC_CLIENT_ID || DEV_OIDC_CLIENT_ID,
    clientSecret: process.env.OIDC_CLIENT_SECRET || DEV_OIDC_CLIENT_SECRET,
  });
  console.log(`Development OpenID Connect provider: ${provider.issuer} (redirect URIs for ${appOrigins.join(', ')})`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

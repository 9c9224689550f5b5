import 'server-only';
/**
 * The sign-in session and the login transaction, each kept in a cookie that is encrypted and authenticated (JWE,
 * `dir` + A256GCM, via jose) with a key derived from SESSION_SECRET. Replicas share nothing but that secret; a cookie
 * that was changed, was made with another secret, is of the other kind, or has expired, opens as null.
 */
import { hkdfSync } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import type { SessionSettings } from './auth-config';

/** How long a sign-in may take at the provider before its callback is refused. */
const LOGIN_TRANSACTION_MAX_AGE_S = 600;

const sessionSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  email: z.string().nullable(),
  groups: z.array(z.string()),
  /** Sent back to the provider as id_token_hint when signing out there; omitted when too big for a cookie. */
  idToken: z.string().optional(),
});
export type SessionData = z.infer<typeof sessionSchema>;

const loginSchema = z.object({
  state: z.string().min(1),
  codeVerifier: z.string().min(1),
  nonce: z.string().min(1),
  returnTo: z.string().startsWith('/'),
});
export type LoginTransaction = z.infer<typeof loginSchema>;

type Purpose = 'session' | 'login';

const keys = new Map<string, Uint8Array>();

/** One key per purpose, so that a login cookie can never be replayed as a session (or the other way round). */
function keyFor(secret: string, purpose: Purpose): Uint8Array {
  const id = `${purpose}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, 'cdn-usage-exports', `cookie:${purpose}:v1`, 32));
    keys.set(id, key);
  }
  return key;
}

async function seal(payload: Record<string, unknown>, secret: string, purpose: Purpose, maxAgeS: number, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setAudience(purpose)
    .setIssuedAt(iat)
    .setExpirationTime(iat + maxAgeS)
    .encrypt(keyFor(secret, purpose));
}

async function open<T>(value: string | undefined, secret: string, purpose: Purpose, schema: z.ZodType<T>, now: Date): Promise<T | null> {
  if (!value) return null;
  try {
    const { payload } = await jwtDecrypt(value, keyFor(secret, purpose), {
      audience: purpose,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      requiredClaims: ['exp', 'iat'],
      currentDate: now,
    });
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    // Tampered, made with another secret, of another kind, or expired: all the same to the caller.
    return null;
  }
}

/** `__Host-` pins the cookie to this exact origin (https only; browsers refuse the prefix without Secure). */
export function cookieName(settings: SessionSettings, purpose: Purpose): string {
  const base = purpose === 'session' ? 'cdnx-session' : 'cdnx-login';
  return settings.secure ? `__Host-${base}` : base;
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  return parseCookie(header)[name];
}

function setCookie(settings: SessionSettings, purpose: Purpose, value: string, maxAgeS: number): string {
  return stringifySetCookie({
    name: cookieName(settings, purpose),
    value,
    httpOnly: true,
    // Lax: the provider's redirect back to the callback is a top-level GET, which must carry the login cookie.
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
    maxAge: maxAgeS,
  });
}

export async function sealSession(data: SessionData, settings: SessionSettings, now = new Date()): Promise<string> {
  return seal(data, settings.secret, 'session', settings.maxAgeS, now);
}

export function openSession(value: string | undefined, settings: SessionSettings, now = new Date()): Promise<SessionData | null> {
  return open(value, settings.secret, 'session', sessionSchema, now);
}

export function sessionSetCookie(value: string, settings: SessionSettings): string {
  return setCookie(settings, 'session', value, settings.maxAgeS);
}

export async function sealLogin(data: LoginTransaction, settings: SessionSettings, now = new Date()): Promise<string> {
  return seal(data, settings.secret, 'login', LOGIN_TRANSACTION_MAX_AGE_S, now);
}

export function openLogin(value: string | undefined, settings: SessionSettings, now = new Date()): Promise<LoginTransaction | null> {
  return open(value, settings.secret, 'login', loginSchema, now);
}

export function loginSetCookie(value: string, settings: SessionSettings): string {
  return setCookie(settings, 'login', value, LOGIN_TRANSACTION_MAX_AGE_S);
}

/** A Set-Cookie that removes the cookie of `purpose`. */
export function clearCookie(settings: SessionSettings, purpose: Purpose): string {
  return setCookie(settings, purpose, '', 0);
}

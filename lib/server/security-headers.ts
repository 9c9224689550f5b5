import 'server-only';
/**
 * The security headers that depend on the request, set by proxy.ts; the fixed ones are in next.config.js.
 *
 * Scripts run only with this request's nonce (Next puts it on its own scripts when it finds it in the request's
 * Content-Security-Policy header) or when loaded by such a script ('strict-dynamic'), so an injected inline script
 * never runs. Styles keep 'unsafe-inline': the UI's libraries set inline styles, which cannot run code.
 */

/** 128 random bits, base64: unguessable, and fresh for every request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  return [
    "default-src 'self'",
    // React's debugging aids in development rebuild server stacks with eval; production never evaluates strings.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** For API answers (JSON, never rendered): nothing may load, nothing may frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A year; no `includeSubDomains`, which would bind the company's other hosts to HTTPS too. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Whether the browser reached us over HTTPS: directly, or through a proxy that terminated TLS and says so in
 * `X-Forwarded-Proto` (its first value: the hop nearest the browser). A forged header on plain HTTP only adds a
 * header that browsers ignore there.
 */
export function isHttpsRequest(url: string, headers: Headers): boolean {
  if (new URL(url).protocol === 'https:') return true;
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

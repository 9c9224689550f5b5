/**
 * Runs before every route but Next's static files:
 * - a fresh Content-Security-Policy nonce per request, handed to Next in the request's own CSP header so that it
 *   marks its scripts with it (lib/server/security-headers.ts), and `Strict-Transport-Security` over HTTPS;
 * - Next's router decodes a dynamic path segment before any route handler runs, and a segment that is not valid
 *   percent-encoding (`/api/exports/summary/%ZZ`) makes it answer a plain-text 500. This runs before that decoding:
 *   such a path under /api gets the API's own 400 instead, as does a method Next does not know (its own 400 has no
 *   body).
 * API answers are JSON, never a page: they get a fixed policy that allows nothing, and the request goes on unchanged
 * (no nonce to draw, no request headers to copy and re-encode for Next), which keeps this cheap on the hot path. The
 * matcher cannot skip /api: the method check and Strict-Transport-Security are needed there too.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { HttpError, errorResponse, invalidInput } from '@/lib/server/api-response';
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isHttpsRequest,
  newNonce,
  STRICT_TRANSPORT_SECURITY,
} from '@/lib/server/security-headers';

// The methods Next's route handlers know; it answers any other with an empty 400 before any handler runs.
const HTTP_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH']);

const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

function refusedApiRequest(pathname: string, method: string): Response | undefined {
  if (!HTTP_METHODS.has(method)) {
    return errorResponse(new HttpError(400, 'UnsupportedMethod', 'The API answers GET, POST, DELETE and OPTIONS requests only.'));
  }
  try {
    decodeURIComponent(pathname);
    return undefined;
  } catch {
    return errorResponse(
      invalidInput({ path: 'The path holds a % that does not start a valid escape.' }, 'The request path is not valid.'),
    );
  }
}

export function proxy(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  let response: Response;
  let policy: string;
  if (isApiPath(pathname)) {
    policy = API_CONTENT_SECURITY_POLICY;
    const refused = refusedApiRequest(pathname, request.method);
    // Every API answer names its request; a refusal here never reaches the route handlers that would add it.
    refused?.headers.set('X-Request-Id', crypto.randomUUID());
    response = refused ?? NextResponse.next();
  } else {
    policy = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV !== 'production' });
    // Replaces whatever the client sent under this name: the nonce Next uses is always ours.
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', policy);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set('Content-Security-Policy', policy);
  if (isHttpsRequest(request.url, request.headers)) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = { matcher: '/((?!_next/static|_next/image).*)' };

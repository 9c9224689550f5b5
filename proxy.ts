/**
 * Next's router decodes a dynamic path segment before any route handler runs, and a segment that is not valid
 * percent-encoding (`/api/exports/summary/%ZZ`) makes it answer a plain-text 500. The proxy runs before that
 * decoding: such a path under /api gets the API's own 400 instead.
 */
import { errorResponse, invalidInput } from '@/lib/server/api-response';

export function proxy(request: Request): Response | undefined {
  try {
    decodeURIComponent(new URL(request.url).pathname);
    return undefined;
  } catch {
    return errorResponse(
      invalidInput({ path: 'The path holds a % that does not start a valid escape.' }, 'The request path is not valid.'),
    );
  }
}

export const config = { matcher: '/api/:path*' };

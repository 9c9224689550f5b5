import 'server-only';
/**
 * The sign-in routes as Next route handlers use them: `export const GET = authRoute('me')`. Whatever goes wrong
 * answers in the contract's error shape: a missing or weak sign-in configuration (which the start-up check refuses
 * already, but `next dev` has no start-up check) and any bug.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, errorResponse } from '../api-response';
import { logAlert } from '../log';
import { AuthConfigError } from './auth-config';
import { getAuth, type Auth } from './auth-service';

export function authRoute(name: keyof Auth['routes']): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await answer(name, request);
    // Every answer of the API names its request (CONTRACT.md); a redirect's headers may be immutable, so copy then.
    try {
      response.headers.set('X-Request-Id', randomUUID());
      return response;
    } catch {
      const copy = new Response(response.body, response);
      copy.headers.set('X-Request-Id', randomUUID());
      return copy;
    }
  };
}

async function answer(name: keyof Auth['routes'], request: Request): Promise<Response> {
  try {
    return await getAuth().routes[name](request);
  } catch (error) {
    if (error instanceof AuthConfigError) {
      return errorResponse(new HttpError(500, 'AuthNotConfigured', `Sign-in is not configured: ${error.message}`));
    }
    logAlert('internal_error', {
      operation: `auth.${name}`,
      name: error instanceof Error ? error.name : typeof error,
      message: error instanceof Error ? error.message : String(error),
    });
    return errorResponse(
      new HttpError(500, 'InternalError', 'Something went wrong on the dashboard server. Try again; if it persists, report it.'),
    );
  }
}

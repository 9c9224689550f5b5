import 'server-only';
/**
 * The HTTP side of each route, kept out of app/api so that the route files stay one-liners and these run in unit tests
 * against plain Request objects. Every route is the same pipeline:
 *
 *   origin check (state-changing routes) -> parse (route-input.ts) -> authorize -> policy (idempotency) -> service
 *   (exports-service.ts) -> answer (success here; every failure through errorAnswer() in error-mapping.ts)
 *
 * Validation always comes before any upstream call. Nothing authorizes a user yet: a check goes right after parsing.
 */
import type { ServerConfig } from './config';
import { answerResponse, HttpError, jsonResponse, NO_STORE, type HttpAnswer } from './api-response';
import { errorAnswer, type Operation } from './error-mapping';
import type { ExportsService } from './exports-service';
import { fingerprintOf, type IdempotencyStore } from './idempotency-store';
import { isAllowedOrigin } from './origin-check';
import { parseCreateRequest, parseListQuery, parseTaskPath } from './route-input';
import { isOutcomeUnknown } from './upstream-error';

export interface HandlerDeps {
  config: () => ServerConfig;
  services: () => { exports: ExportsService; idempotency: IdempotencyStore };
  now?: () => number;
}

type TaskParams = { kind: string; id: string };

/** The error boundary: anything a route throws leaves in the one error shape (apiErrorSchema). */
async function answering(operation: Operation, route: () => Promise<Response>): Promise<Response> {
  try {
    return await route();
  } catch (error) {
    return answerResponse(errorAnswer(error, operation));
  }
}

export function createApiHandlers(deps: HandlerDeps) {
  const now = deps.now ?? Date.now;

  function requireAllowedOrigin(request: Request): void {
    if (!isAllowedOrigin(request.headers, request.url, deps.config().appOrigins)) {
      throw new HttpError(403, 'ForbiddenOrigin', 'This request came from a page that may not change export tasks.');
    }
  }

  return {
    /** GET /api/exports?kind=&page=&size= */
    list(request: Request): Promise<Response> {
      return answering('read', async () => {
        const query = parseListQuery(request);
        return jsonResponse(await deps.services().exports.list(query));
      });
    },

    /** POST /api/exports, with an optional Idempotency-Key. */
    create(request: Request): Promise<Response> {
      return answering('create', async () => {
        requireAllowedOrigin(request);
        const { input, body, idempotencyKey } = await parseCreateRequest(request, {
          now: now(),
          timeZone: deps.config().reportTimeZone,
        });
        const { exports, idempotency } = deps.services();

        const work = async (): Promise<{ answer: HttpAnswer; keep: boolean }> => {
          try {
            return { answer: { status: 201, body: await exports.create(input) }, keep: true };
          } catch (error) {
            // Kept only when the task may exist anyway; after a clear refusal the same key may really try again.
            return { answer: errorAnswer(error, 'create'), keep: isOutcomeUnknown(error) };
          }
        };
        if (idempotencyKey === null) return answerResponse((await work()).answer);
        const { answer, replayed } = await idempotency.run(idempotencyKey, fingerprintOf(body), work);
        return answerResponse(answer, replayed ? { 'Idempotent-Replayed': 'true' } : {});
      });
    },

    /** DELETE /api/exports/{kind}/{id} */
    remove(request: Request, params: TaskParams): Promise<Response> {
      return answering('delete', async () => {
        requireAllowedOrigin(request);
        const task = parseTaskPath(params);
        await deps.services().exports.remove(task.kind, task.id);
        return new Response(null, { status: 204, headers: NO_STORE });
      });
    },

    /** GET /api/exports/{kind}/{id}/download → 302 to a fresh CDN download URL. */
    download(_request: Request, params: TaskParams): Promise<Response> {
      return answering('read', async () => {
        const task = parseTaskPath(params);
        const url = await deps.services().exports.downloadUrl(task.kind, task.id);
        // The URL is signed and short-lived: neither the browser nor a proxy may keep the redirect.
        return new Response(null, { status: 302, headers: { ...NO_STORE, Location: url } });
      });
    },

    /** Any other path under /api: the error shape, rather than Next's HTML page. */
    notFound(): Response {
      return answerResponse(errorAnswer(new HttpError(404, 'NotFound', 'There is no such API endpoint.'), 'read'));
    },

    /**
     * Handlers for the methods a route does not serve: 405 in the error shape with `Allow` (Next's own 405 has no
     * body), and OPTIONS with the same `Allow` (Next's own would list these 405 handlers as served). Next derives HEAD
     * from GET.
     */
    otherMethods(served: readonly ('GET' | 'POST' | 'DELETE')[]) {
      const allow = [...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
      const answer = errorAnswer(new HttpError(405, 'MethodNotAllowed', `This endpoint answers ${allow} only.`), 'read');
      const notAllowed = () => answerResponse(answer, { Allow: allow });
      return {
        GET: notAllowed,
        POST: notAllowed,
        PUT: notAllowed,
        PATCH: notAllowed,
        DELETE: notAllowed,
        OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }),
      };
    },

    /** GET /api/health: 200 when CDN answers, 503 (same body shape) when it does not. */
    health(): Promise<Response> {
      return answering('read', async () => {
        const health = await deps.services().exports.health();
        return jsonResponse(health, health.status === 'ok' ? 200 : 503);
      });
    },
  };
}

export type ApiHandlers = ReturnType<typeof createApiHandlers>;

import 'server-only';
/**
 * The HTTP side of each route: read and validate the request, call the service, shape the answer. Kept out of
 * app/api so that the route files stay one-liners and these run in unit tests against plain Request objects.
 * Validation always comes before any upstream call.
 */
import { createExportSchema, fieldErrors, listQuerySchema } from '@/lib/exports/schemas';
import { ApiError, errorResponse, invalidInput, jsonResponse, NO_STORE } from './api-response';
import type { ServerConfig } from './config';
import type { ExportsService } from './exports-service';
import { fingerprintOf, isValidIdempotencyKey, type IdempotencyStore, type StoredAnswer } from './idempotency-store';
import { isAllowedOrigin } from './origin-check';
import { readJsonBody } from './request-body';
import { handle, parseTaskPath } from './route-helpers';

export interface HandlerDeps {
  config: () => ServerConfig;
  services: () => { exports: ExportsService; idempotency: IdempotencyStore };
  now?: () => number;
}

type TaskParams = { kind: string; id: string };

export function createApiHandlers(deps: HandlerDeps) {
  const now = deps.now ?? Date.now;

  function requireAllowedOrigin(request: Request): void {
    if (!isAllowedOrigin(request.headers, request.url, deps.config().appOrigins)) {
      throw new ApiError(403, 'ForbiddenOrigin', 'This request came from a page that may not change export tasks.');
    }
  }

  return {
    /** GET /api/exports?kind=&page=&size= */
    list(request: Request): Promise<Response> {
      return handle('read', async () => {
        const params = new URL(request.url).searchParams;
        const parsed = listQuerySchema.safeParse({
          kind: params.get('kind') ?? undefined,
          page: params.get('page') ?? undefined,
          size: params.get('size') ?? undefined,
        });
        const fields = parsed.success ? {} : fieldErrors(parsed.error);
        // `?page=1&page=2` is ambiguous: refuse it rather than guess which one was meant.
        for (const name of ['kind', 'page', 'size']) {
          if (params.getAll(name).length > 1) fields[name] = `Give ${name} only once.`;
        }
        if (!parsed.success || Object.keys(fields).length > 0) throw invalidInput(fields, 'The list query is not valid.');
        return jsonResponse(await deps.services().exports.list(parsed.data));
      });
    },

    /** POST /api/exports, with an optional Idempotency-Key. */
    create(request: Request): Promise<Response> {
      return handle('create', async () => {
        requireAllowedOrigin(request);
        const body = await readJsonBody(request);
        const key = request.headers.get('idempotency-key');
        if (key !== null && !isValidIdempotencyKey(key)) {
          throw invalidInput(
            { 'Idempotency-Key': 'An Idempotency-Key is 1-255 printable ASCII characters.' },
            'The Idempotency-Key header is not valid.',
          );
        }
        const config = deps.config();
        const parsed = createExportSchema({ now: now(), timeZone: config.reportTimeZone }).safeParse(body);
        if (!parsed.success) throw invalidInput(fieldErrors(parsed.error), 'The export request is not valid.');
        const input = parsed.data;
        const { exports, idempotency } = deps.services();

        const work = async (): Promise<{ answer: StoredAnswer; keep: boolean }> => {
          try {
            return { answer: { status: 201, body: await exports.create(input) }, keep: true };
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            const headers: Record<string, string> = {};
            if (error.retryAfterS !== undefined) headers['Retry-After'] = String(error.retryAfterS);
            // Kept only when the task may exist anyway; after a clear refusal the same key may really try again.
            return { answer: { status: error.status, body: error.toBody(), headers }, keep: error.ambiguous };
          }
        };
        if (key === null) {
          const { answer } = await work();
          return jsonResponse(answer.body, answer.status, answer.headers);
        }
        const { answer, replayed } = await idempotency.run(key, fingerprintOf(body), work);
        return jsonResponse(answer.body, answer.status, { ...answer.headers, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
      });
    },

    /** DELETE /api/exports/{kind}/{id} */
    remove(request: Request, params: TaskParams): Promise<Response> {
      return handle('delete', async () => {
        requireAllowedOrigin(request);
        const task = parseTaskPath(params);
        await deps.services().exports.remove(task.kind, task.id);
        return new Response(null, { status: 204, headers: NO_STORE });
      });
    },

    /** GET /api/exports/{kind}/{id}/download → 302 to a fresh CDN download URL. */
    download(_request: Request, params: TaskParams): Promise<Response> {
      return handle('read', async () => {
        const task = parseTaskPath(params);
        const url = await deps.services().exports.downloadUrl(task.kind, task.id);
        // The URL is signed and short-lived: neither the browser nor a proxy may keep the redirect.
        return new Response(null, { status: 302, headers: { ...NO_STORE, Location: url } });
      });
    },

    /** Any other path under /api: the error shape, rather than Next's HTML page. */
    notFound(): Response {
      return errorResponse(new ApiError(404, 'NotFound', 'There is no such API endpoint.'));
    },

    /**
     * Handlers for the methods a route does not serve: 405 in the error shape with `Allow` (Next's own 405 has no
     * body), and OPTIONS with the same `Allow` (Next's own would list these 405 handlers as served). Next derives HEAD
     * from GET.
     */
    otherMethods(served: readonly ('GET' | 'POST' | 'DELETE')[]) {
      const allow = [...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
      const error = new ApiError(405, 'MethodNotAllowed', `This endpoint answers ${allow} only.`);
      const notAllowed = () => jsonResponse(error.toBody(), 405, { Allow: allow });
      return {
        GET: notAllowed,
        POST: notAllowed,
        PUT: notAllowed,
        PATCH: notAllowed,
        DELETE: notAllowed,
        OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }),
      };
    },

    /** GET /api/health */
    health(): Promise<Response> {
      return handle('read', async () => {
        const result = await deps.services().exports.health();
        return jsonResponse(result.body, result.status);
      });
    },
  };
}

export type ApiHandlers = ReturnType<typeof createApiHandlers>;

import 'server-only';
/**
 * The parse step of every route: the request's query, path, headers and body, validated into the service's input
 * before any upstream call. Each refusal is a 400 (or 404/413/415) naming the field.
 */
import {
  createExportSchema,
  exportKindSchema,
  fieldErrors,
  listQuerySchema,
  taskIdSchema,
  type CreateExportInput,
  type ExportKind,
  type ListQuery,
  type TimeContext,
} from '@/lib/exports/schemas';
import { HttpError, invalidInput } from './api-response';
import { isValidIdempotencyKey } from './idempotency-keys';
import { activityQuerySchema, type ActivityQuery } from '@/lib/exports/activity';
import { readJsonBody } from './request-body';

/** `?kind=&page=&size=` of GET /api/exports. */
export function parseListQuery(request: Request): ListQuery {
  const params = new URL(request.url).searchParams;
  const parsed = listQuerySchema.safeParse({
    kind: params.get('kind') ?? undefined,
    page: params.get('page') ?? undefined,
    size: params.get('size') ?? undefined,
  });
  const fields = parsed.success ? {} : fieldErrors(parsed.error);
  // `?page=1&page=2` could mean either: refuse it rather than guess which one was meant.
  for (const name of ['kind', 'page', 'size']) {
    if (params.getAll(name).length > 1) fields[name] = `Give ${name} only once.`;
  }
  if (!parsed.success || Object.keys(fields).length > 0) throw invalidInput(fields, 'The list query is not valid.');
  return parsed.data;
}

export interface CreateRequest {
  input: CreateExportInput;
  /** The body as sent, which the idempotency store fingerprints. */
  body: unknown;
  idempotencyKey: string | null;
}

/** POST /api/exports: the JSON body, then the optional Idempotency-Key, then the body against the time rules. */
export async function parseCreateRequest(request: Request, rules: TimeContext): Promise<CreateRequest> {
  const body = await readJsonBody(request);
  const idempotencyKey = request.headers.get('idempotency-key');
  if (idempotencyKey !== null && !isValidIdempotencyKey(idempotencyKey)) {
    throw invalidInput(
      { 'Idempotency-Key': 'An Idempotency-Key is 1-255 printable ASCII characters.' },
      'The Idempotency-Key header is not valid.',
    );
  }
  const parsed = createExportSchema(rules).safeParse(body);
  if (!parsed.success) throw invalidInput(fieldErrors(parsed.error), 'The export request is not valid.');
  return { input: parsed.data, body, idempotencyKey };
}

/**
 * `{kind}/{id}` from the path. An unknown kind is 404 (no such collection exists, as for any other unknown path); an
 * id that cannot be a task id is 400 before any call to CDN.
 */
export function parseTaskPath(params: { kind: string; id: string }): { kind: ExportKind; id: string } {
  const kind = exportKindSchema.safeParse(params.kind);
  if (!kind.success) {
    throw new HttpError(404, 'NotFound', 'There is no such kind of export: use "summary" or "detail".');
  }
  const id = taskIdSchema.safeParse(params.id);
  if (!id.success) {
    throw invalidInput({ id: id.error.issues[0]?.message ?? 'Not a task id.' }, 'The task id is not valid.');
  }
  return { kind: kind.data, id: id.data };
}

/** `?page&size&actor&action&kind&from&to` of GET /api/activity and /api/activity/export. */
export function parseActivityQuery(request: Request): ActivityQuery {
  const params = new URL(request.url).searchParams;
  const names = ['page', 'size', 'actor', 'action', 'kind', 'from', 'to'] as const;
  const parsed = activityQuerySchema.safeParse(Object.fromEntries(names.map((n) => [n, params.get(n) ?? undefined])));
  const fields = parsed.success ? {} : fieldErrors(parsed.error);
  for (const name of names) {
    if (params.getAll(name).length > 1) fields[name] = `Give ${name} only once.`;
  }
  if (!parsed.success || Object.keys(fields).length > 0) throw invalidInput(fields, 'The activity query is not valid.');
  return parsed.data;
}

import 'server-only';
/**
 * What every route handler shares: the error boundary (anything thrown becomes the contract's error shape, and an
 * unknown exception a logged 500) and path parameter parsing.
 */
import { exportKindSchema, taskIdSchema, type ExportKind } from '@/lib/exports/schemas';
import { ApiError, errorResponse, invalidInput } from './api-response';
import { toApiError, type Operation } from './error-mapping';

export async function handle(operation: Operation, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return errorResponse(toApiError(error, operation));
  }
}

/**
 * `{kind}/{id}` from the path. An unknown kind is 404 (no such collection exists, as for any other unknown path); an
 * id that cannot be a task id is 400 before any call to CDN.
 */
export function parseTaskPath(params: { kind: string; id: string }): { kind: ExportKind; id: string } {
  const kind = exportKindSchema.safeParse(params.kind);
  if (!kind.success) {
    throw new ApiError(404, 'NotFound', 'There is no such kind of export: use "summary" or "detail".');
  }
  const id = taskIdSchema.safeParse(params.id);
  if (!id.success) {
    throw invalidInput({ id: id.error.issues[0]?.message ?? 'Not a task id.' }, 'The task id is not valid.');
  }
  return { kind: kind.data, id: id.data };
}

import 'server-only';
/**
 * What the exports service says when a task cannot be served, in the domain's words; error-mapping.ts decides the
 * HTTP answer. Failures of the upstream call itself are UpstreamErrors (upstream-error.ts).
 */
import { BrandedError } from './error-brand';

/**
 * - notFound: the task is in no list page (deleted, or CDN no longer keeps it).
 * - notReady: its file is still being generated.
 * - failed: CDN could not generate its file.
 * - noDownloadUrl: the task is ready but CDN gave no usable download URL.
 * - unknownStatus: CDN reports the task in a status this server does not know, so its file cannot be vouched for.
 */
export type TaskProblem = 'notFound' | 'notReady' | 'failed' | 'noDownloadUrl' | 'unknownStatus';

export class TaskUnavailableError extends BrandedError('TaskUnavailableError') {
  readonly problem: TaskProblem;
  readonly requestId: string | undefined;

  constructor(problem: TaskProblem, requestId?: string) {
    super(`The task cannot be served: ${problem}.`);
    this.problem = problem;
    this.requestId = requestId;
  }
}

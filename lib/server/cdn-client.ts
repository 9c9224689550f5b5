import 'server-only';
/**
 * CDN's six export operations on the official SDK, one attempt per call: retries, rate limiting and caching are the
 * service's business (exports-service.ts), because only it knows whether an operation may be repeated. Each call
 * here has a deadline, turns every failure into an UpstreamError, checks the answer against the documented shape,
 * maps it to our types and writes one `cdn.call` log line.
 */
import CdnModule, {
  CreateUsageDetailDataExportTaskRequest,
  CreateUserUsageDataExportTaskRequest,
  DeleteUsageDetailDataExportTaskRequest,
  DeleteUserUsageDataExportTaskRequest,
  DescribeUserUsageDataExportTaskRequest,
  DescribeUserUsageDetailDataExportTaskRequest,
} from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { z } from 'zod';
import type { CreateExportInput, ExportKind, ListQuery } from '@/lib/exports/schemas';
import { vendorCreatedSchema, vendorDeletedSchema, vendorTaskListSchema } from './cdn-schemas';
import type { ServerConfig } from './config';
import type { CredentialClient } from './credentials';
import { checkDownloadUrl, HTTPS_ANYWHERE, type DownloadUrlPolicy } from './download-url';
import { logCdnCall, logWarningOnce } from './log';
import { toCreatedTask, toTaskPage, type CreatedTask, type ListOddity, type TaskPageOptions, type TaskPageWithUrls } from './mappers';
import { cjsDefault } from './sdk-interop';
import { UpstreamError, classifyUpstreamError, upstreamTimeout } from './upstream-error';

const Client = cjsDefault(CdnModule);
type SdkClient = InstanceType<typeof Client>;

export const ACTIONS = {
  summary: {
    list: 'DescribeUserUsageDataExportTask',
    create: 'CreateUserUsageDataExportTask',
    delete: 'DeleteUserUsageDataExportTask',
  },
  detail: {
    list: 'DescribeUserUsageDetailDataExportTask',
    create: 'CreateUsageDetailDataExportTask',
    delete: 'DeleteUsageDetailDataExportTask',
  },
} as const satisfies Record<ExportKind, Record<'list' | 'create' | 'delete', string>>;

export interface CallOptions {
  /** Which attempt this is, for the log. */
  attempt: number;
  /** The call is abandoned (as a timeout) after this long, whatever the SDK's own timeouts. */
  deadlineMs: number;
}

export type CreateTaskInput = CreateExportInput & { name: string };

export interface CdnClient {
  listTasks(query: ListQuery, options: CallOptions): Promise<TaskPageWithUrls>;
  createTask(input: CreateTaskInput, options: CallOptions): Promise<CreatedTask>;
  deleteTask(task: { kind: ExportKind; id: string }, options: CallOptions): Promise<{ requestId: string | undefined }>;
}

/** The SDK's answer models turn back into the wire's PascalCase with toMap(); that is what the schemas check. */
interface SdkResponse {
  body?: { toMap(): Record<string, unknown> };
}

export function createSdkClient(config: ServerConfig, credential: CredentialClient): SdkClient {
  return new Client(
    new $OpenApiUtil.Config({
      credential,
      endpoint: config.cdn.endpoint,
      protocol: config.cdn.protocol,
      readTimeout: config.readTimeoutMs,
      // The SDK's HTTP layer (httpx) arms the connect timeout as a socket idle timer that keeps running while it
      // waits for the answer; a shorter connect timeout would silently cut every read short of CDN_READ_TIMEOUT_MS.
      connectTimeout: Math.max(config.connectTimeoutMs, config.readTimeoutMs),
      // No retryOptions: the SDK then makes exactly one attempt, and exports-service.ts decides about retries.
    }),
  );
}

function deadline(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(upstreamTimeout()), Math.max(0, ms));
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

export interface CdnClientOptions {
  now?: () => number;
  /** Which download URLs count as usable (a task is `downloadable` only with one); https anywhere by default. */
  downloadPolicy?: DownloadUrlPolicy;
}

/** Each distinct oddity of a list answer once per process: the same odd item comes back with every poll. */
function reportListOddity(oddity: ListOddity): void {
  logWarningOnce(`${oddity.kind}:${oddity.problem}:${oddity.detail}`, 'cdn.list.oddity', { ...oddity });
}

export function createCdnClient(sdk: SdkClient, timeZone: string, options: CdnClientOptions = {}): CdnClient {
  const now = options.now ?? Date.now;
  const policy = options.downloadPolicy ?? HTTPS_ANYWHERE;
  const pageOptions: TaskPageOptions = {
    acceptDownloadUrl: (raw) => checkDownloadUrl(raw, policy).ok,
    report: reportListOddity,
  };

  /** One SDK call with its deadline, error classification, shape check and log line. */
  async function call<S extends z.ZodType>(
    action: string,
    options: CallOptions,
    send: () => Promise<SdkResponse>,
    schema: S,
  ): Promise<z.infer<S>> {
    const started = performance.now();
    const log = (outcome: Parameters<typeof logCdnCall>[0]['outcome'], code?: string, requestId?: string) =>
      logCdnCall({ action, outcome, code, requestId, durationMs: performance.now() - started, attempt: options.attempt });

    const sending = send();
    // When the deadline wins, the SDK's call goes on until its own timeout; its late failure must not go unhandled.
    sending.catch(() => undefined);
    const timer = deadline(options.deadlineMs);
    let response: SdkResponse;
    try {
      response = await Promise.race([sending, timer.promise]);
    } catch (error) {
      const classified = classifyUpstreamError(error);
      if (classified instanceof UpstreamError) {
        log(classified.failure, classified.code, classified.requestId);
        throw classified;
      }
      log('error', 'UnexpectedError');
      throw classified;
    } finally {
      timer.cancel();
    }

    const raw = response.body?.toMap();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const requestId = typeof raw?.RequestId === 'string' ? raw.RequestId : undefined;
      log('malformed', 'UpstreamMalformed', requestId);
      throw new UpstreamError({
        code: 'UpstreamMalformed',
        message: 'CDN answered in a shape this server does not understand.',
        failure: 'malformed',
        requestId,
      });
    }
    const body: z.infer<S> = parsed.data;
    const requestId = (body as { RequestId?: string }).RequestId;
    log('ok', undefined, requestId);
    return body;
  }

  return {
    async listTasks(query, options) {
      const request = { pageNumber: String(query.page), pageSize: String(query.size) };
      const action = ACTIONS[query.kind].list;
      const body = await call(
        action,
        options,
        () =>
          query.kind === 'summary'
            ? sdk.describeUserUsageDataExportTask(new DescribeUserUsageDataExportTaskRequest(request))
            : sdk.describeUserUsageDetailDataExportTask(new DescribeUserUsageDetailDataExportTaskRequest(request)),
        vendorTaskListSchema,
      );
      return toTaskPage(query.kind, query, body, now(), timeZone, pageOptions);
    },

    async createTask(input, options) {
      const common = {
        startTime: input.startTime,
        endTime: input.endTime,
        taskName: input.name,
        language: input.language,
      };
      const body = await call(
        ACTIONS[input.kind].create,
        options,
        () =>
          input.kind === 'summary'
            ? sdk.createUserUsageDataExportTask(new CreateUserUsageDataExportTaskRequest(common))
            : sdk.createUsageDetailDataExportTask(
                new CreateUsageDetailDataExportTaskRequest({
                  ...common,
                  type: input.type,
                  // Neither domains nor group: CDN exports all of the account's domains.
                  domainNames: input.domains?.join(','),
                  group: input.group,
                }),
              ),
        vendorCreatedSchema,
      );
      return toCreatedTask(input.kind, input, body);
    },

    async deleteTask(task, options) {
      const body = await call(
        ACTIONS[task.kind].delete,
        options,
        () =>
          task.kind === 'summary'
            ? sdk.deleteUserUsageDataExportTask(new DeleteUserUsageDataExportTaskRequest({ taskId: task.id }))
            : sdk.deleteUsageDetailDataExportTask(new DeleteUsageDetailDataExportTaskRequest({ taskId: task.id })),
        vendorDeletedSchema,
      );
      return { requestId: body.RequestId };
    },
  };
}

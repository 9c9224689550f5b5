import 'server-only';
/**
 * The HTTP side of each route, kept out of app/api so that the route files stay one-liners and these run in unit tests
 * against plain Request objects. Every route is the same pipeline:
 *
 *   origin check (state-changing routes) -> parse (route-input.ts) -> authorize (auth/, every route but health) ->
 *   record the attempt (store/) -> policy (idempotency) -> service (exports-service.ts) -> record the outcome -> answer
 *   (success here; every failure through errorAnswer() in error-mapping.ts)
 *
 * Validation always comes before any upstream call. Every answer carries this server's `X-Request-Id`, which the
 * activity log keeps as `requestId`.
 *
 * The record (CONTRACT.md, "The record"): a create or delete first writes its activity entry with status 0 ("no answer
 * yet"), and only then calls CDN; the entry gets the status answered before the answer goes out. A change whose entry
 * cannot be written is refused with 503 StoreUnavailable and never reaches CDN; an entry left at 0 says the server
 * stopped mid-call. Lists and downloads go on when the store is down (logged; `createdBy` null).
 */
import { randomUUID } from 'node:crypto';
import type { ActivityEntry } from '@/lib/exports/activity';
import type { CreatedExport, CreateExportInput, ExportKind, ExportTaskPage, ListQuery } from '@/lib/exports/schemas';
import { ACTIVITY_CSV_HEADERS, activityCsvResponseBody } from './activity-csv';
import { answerResponse, HttpError, jsonResponse, NO_STORE, type HttpAnswer } from './api-response';
import { authorize, unauthenticated } from './auth/access';
import type { Auth } from './auth/auth-service';
import type { Principal } from './auth/principal';
import { can, type Action } from './auth/roles';
import type { ServerConfig } from './config';
import { errorAnswer, type Operation } from './error-mapping';
import type { Caller, ExportsService } from './exports-service';
import { fingerprintOf, IdempotencyKeyReusedError } from './idempotency-keys';
import { KnownCreators, type Creator, type ListedTask } from './known-creators';
import { logAlert, logWarning } from './log';
import { claimedOrigin, isAllowedOrigin } from './origin-check';
import { parseActivityQuery, parseCreateRequest, parseListQuery, parseTaskPath } from './route-input';
import {
  appendActivity,
  creatorsOf,
  eachActivity,
  liveTaskIds,
  markTaskDeleted,
  ownerOf,
  queryActivity,
  recordCreatedTask,
  settleActivity,
  type ActivityOutcome,
  type IdempotencyClaim,
  type IdempotencyRecords,
  type NewActivityEntry,
  type Store,
} from './store';
import { UpstreamError, isOutcomeUnknown } from './upstream-error';

export interface HandlerServices {
  exports: ExportsService;
  store: Store;
  idempotency: IdempotencyRecords;
}

export interface HandlerDeps {
  config: () => ServerConfig;
  services: () => HandlerServices;
  /** Sign-in; throws AuthConfigError when it is not configured (then every route but health answers 500). */
  auth: () => Auth;
  now?: () => number;
  /** How long a request waits for the first one with the same Idempotency-Key to answer. */
  idempotencyWaitMs?: number;
}

type TaskParams = { kind: string; id: string };

/** What is known of the request being answered, for its activity entry. */
interface RequestContext {
  requestId: string;
  ip: string | null;
}

/** What an entry says the request was about. */
interface About {
  kind?: ExportKind | null;
  taskId?: string | null;
  startTime?: string | null;
  endTime?: string | null;
}

/**
 * The client's address: the first hop of X-Forwarded-For. `next start` fills that header from the socket when the
 * client sent none; behind a proxy it is the client the proxy reported. Without a proxy a client may name itself
 * there: the log's `ip` is as good as the deployment's front (the actor comes from sign-in, not from this).
 */
export function clientIp(headers: Headers): string | null {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return first ? first.slice(0, 100) : null;
}

function contextOf(request: Request): RequestContext {
  return { requestId: randomUUID(), ip: clientIp(request.headers) };
}

/** The error boundary: anything a route throws leaves in the one error shape; every answer names its request id. */
async function answering(operation: Operation, ctx: RequestContext, route: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await route();
  } catch (error) {
    response = answerResponse(errorAnswer(error, operation));
  }
  response.headers.set('X-Request-Id', ctx.requestId);
  return response;
}

/** Whether CDN may have carried out a create although we have no usable answer (issue 9 points 5 and 6). */
function mayExist(error: unknown): boolean {
  return isOutcomeUnknown(error) || (error instanceof UpstreamError && error.failure === 'malformed');
}

function outcomeOf(answer: HttpAnswer): ActivityOutcome {
  const error = (answer.body as { error?: { code?: string; requestId?: string } } | null)?.error;
  const created = answer.status === 201 ? (answer.body as CreatedExport) : null;
  return {
    status: answer.status,
    ...(error?.code ? { code: error.code } : {}),
    ...(created ? { taskId: created.task.id } : {}),
    ...((created?.requestId ?? error?.requestId) ? { upstreamRequestId: created?.requestId ?? error?.requestId } : {}),
  };
}

const OUTCOME_UNKNOWN = () =>
  new HttpError(
    504,
    'OutcomeUnknown',
    'CDN may have created the task, and its list cannot tell yet. Send the same request again with the same Idempotency-Key in a moment: it finds the task or creates it, never twice.',
    { retryAfterS: 2 },
  );

export function createApiHandlers(deps: HandlerDeps) {
  const now = deps.now ?? Date.now;
  const idempotencyWaitMs = deps.idempotencyWaitMs ?? 15_000;
  /**
   * Lookups of a page's creators in flight, by kind and ids: dashboards polling one page share one store query, as
   * they share one upstream call (the embedded store runs one query at a time). Never reused once answered, so a
   * task created a moment ago shows its creator in the next list.
   */
  const creatorLookups = new Map<string, Promise<Map<string, Creator>>>();
  /** What the record said of listed tasks' creators (known-creators.ts): a page of known tasks asks the store nothing. */
  const knownCreators = new KnownCreators({ now });
  /** A page of tasks, each with its creator from the record (`null` for every task while the store is down). */
  async function listWithCreators(query: ListQuery, principal: Principal): Promise<ExportTaskPage> {
    const page = await deps.services().exports.list(query, { userId: principal.id });
    let creators = new Map<string, Creator>();
    try {
      creators = await creatorsOfPage(query.kind, page.tasks);
    } catch (error) {
      logAlert('store.creators.unavailable', { message: error instanceof Error ? error.message : String(error) });
    }
    const tasks = page.tasks.map((task) => {
      const creator = creators.get(task.id);
      return { ...task, createdBy: creator ? { name: creator.name, email: creator.email || null } : null };
    });
    return { ...page, tasks };
  }

  async function creatorsOfPage(kind: ExportKind, tasks: readonly ListedTask[]): Promise<Map<string, Creator>> {
    const { known, unknown } = knownCreators.lookup(kind, tasks);
    if (unknown.length === 0) return known;
    const ids = unknown.map((task) => task.id);
    const key = `${kind}:${ids.join(',')}`;
    let lookup = creatorLookups.get(key);
    if (!lookup) {
      const askedAt = now();
      lookup = creatorsOf(deps.services().store, kind, ids)
        .then((found) => {
          knownCreators.remember(kind, found, { tasks: unknown, at: askedAt });
          return found;
        })
        .finally(() => creatorLookups.delete(key));
      creatorLookups.set(key, lookup);
    }
    for (const [id, creator] of await lookup) known.set(id, creator);
    return known;
  }

  function actorOf(principal: Principal | null): Pick<NewActivityEntry, 'actor' | 'role'> {
    return {
      actor: principal ? { id: principal.id, name: principal.name, email: principal.email ?? '' } : null,
      role: principal?.role ?? null,
    };
  }

  function entryOf(
    ctx: RequestContext,
    principal: Principal | null,
    action: NewActivityEntry['action'],
    about: About,
    outcome: ActivityOutcome,
  ): NewActivityEntry {
    return {
      ...actorOf(principal),
      action,
      kind: about.kind ?? null,
      taskId: outcome.taskId ?? about.taskId ?? null,
      startTime: about.startTime ?? null,
      endTime: about.endTime ?? null,
      status: outcome.status,
      ...(outcome.code ? { code: outcome.code } : {}),
      requestId: ctx.requestId,
      ...(outcome.upstreamRequestId ? { upstreamRequestId: outcome.upstreamRequestId } : {}),
      ip: ctx.ip,
    };
  }

  /** An entry that nothing depends on (a read, a refusal): a store that is down is logged, and the answer goes out. */
  async function noteActivity(entry: NewActivityEntry): Promise<void> {
    try {
      await appendActivity(deps.services().store, entry);
    } catch (error) {
      logAlert('store.activity.unwritten', {
        action: entry.action,
        status: entry.status,
        requestId: entry.requestId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async function settle(entry: ActivityEntry, outcome: ActivityOutcome): Promise<void> {
    try {
      await settleActivity(deps.services().store, entry.id, outcome);
    } catch (error) {
      // The attempt is recorded (status 0); only its outcome is missing.
      logAlert('store.activity.unsettled', { entryId: entry.id, status: outcome.status, message: String(error) });
    }
  }

  /** A refusal at the route layer (401, 403): recorded as `denied`, then thrown on. */
  async function refuse(ctx: RequestContext, principal: Principal | null, error: HttpError, about: About): Promise<never> {
    await noteActivity(entryOf(ctx, principal, 'denied', about, { status: error.status, code: error.code }));
    throw error;
  }

  /**
   * Who sent the request, asked before anything else is read: someone not signed in gets 401 (recorded), never a
   * validation answer about input they may not send.
   */
  async function signedIn(request: Request, ctx: RequestContext): Promise<Principal> {
    const auth = deps.auth();
    const principal = await auth.authenticate(request);
    if (!principal) return refuse(ctx, null, unauthenticated(auth.config.mode), {});
    return principal;
  }

  /** The principal, when their role may do `action`; else the 403, recorded with what the request was about. */
  async function permitted(principal: Principal, action: Action, ctx: RequestContext, about: About): Promise<Principal> {
    try {
      return authorize(principal, action, deps.auth().config.mode);
    } catch (error) {
      if (error instanceof HttpError) return refuse(ctx, principal, error, about);
      throw error;
    }
  }

  /**
   * State-changing requests must come from an allowed page. With sign-in on (`oidc`, `proxy`) a request that names no
   * page (no Origin, no Referer) is refused too: a signed-in browser always names it (CONTRACT.md).
   */
  async function requireAllowedOrigin(request: Request, ctx: RequestContext): Promise<void> {
    const signIn = deps.auth().config.mode !== 'none';
    const allowed =
      isAllowedOrigin(request.headers, request.url, deps.config().appOrigins) &&
      !(signIn && claimedOrigin(request.headers) === undefined);
    if (!allowed) {
      const principal = await deps.auth().authenticate(request);
      await refuse(
        ctx,
        principal,
        new HttpError(403, 'ForbiddenOrigin', 'This request came from a page that may not change export tasks.'),
        {},
      );
    }
  }

  async function recordCreator(principal: Principal, created: CreatedExport): Promise<void> {
    const createdBy = { id: principal.id, name: principal.name, email: principal.email ?? '' };
    try {
      const made = await recordCreatedTask(deps.services().store, {
        kind: created.task.kind,
        taskId: created.task.id,
        name: created.task.name,
        startTime: created.task.startTime,
        endTime: created.task.endTime,
        createdBy,
      });
      // This replica's lists name the creator from now on without asking the store; when the task had a record
      // already (a retry that found someone else's task), the record's creator is the one its next list reads.
      if (made) knownCreators.remember(created.task.kind, new Map([[created.task.id, { name: createdBy.name, email: createdBy.email }]]));
    } catch (error) {
      // The task exists at CDN: the user gets it; only its "Created by" is missing.
      logAlert('store.owner.unrecorded', { taskId: created.task.id, message: String(error) });
    }
  }

  /**
   * One create at CDN, recorded: the entry first (a store that is down refuses here, before CDN), then the call, then
   * the creator and the entry's outcome. `unknown`: CDN may have made the task although the answer says otherwise.
   */
  async function createOnce(
    ctx: RequestContext,
    principal: Principal,
    input: CreateExportInput,
    operation: Operation,
  ): Promise<{ answer: HttpAnswer; unknown: boolean }> {
    const { store, exports } = deps.services();
    const about: About = { kind: input.kind, startTime: input.startTime, endTime: input.endTime };
    const entry = await appendActivity(store, entryOf(ctx, principal, 'create', about, { status: 0 }));
    let answer: HttpAnswer;
    let unknown = false;
    try {
      const created = await exports.create(input, { userId: principal.id });
      await recordCreator(principal, created);
      answer = { status: 201, body: created };
    } catch (error) {
      unknown = mayExist(error);
      answer = errorAnswer(error, operation);
    }
    await settle(entry, outcomeOf(answer));
    return { answer, unknown };
  }

  /**
   * A retry of a create whose outcome was unknown: the task when CDN's list shows it; a new create when a list read
   * made after the first attempt ended shows none; OutcomeUnknown while the list cannot be read.
   */
  async function resolveUnknown(
    ctx: RequestContext,
    principal: Principal,
    input: CreateExportInput,
    attempt: { startedAt: Date; endedAt: Date },
  ): Promise<{ answer: HttpAnswer; unknown: boolean }> {
    const caller: Caller = { userId: principal.id };
    let found: Awaited<ReturnType<ExportsService['findCreated']>>;
    try {
      found = await deps.services().exports.findCreated(input, { startedAt: attempt.startedAt }, caller);
    } catch {
      return { answer: OUTCOME_UNKNOWN().toAnswer(), unknown: true };
    }
    if (found.task) {
      const { id, kind, name, startTime, endTime } = found.task;
      const created: CreatedExport = { task: { id, kind, name, startTime, endTime }, ...(found.requestId ? { requestId: found.requestId } : {}) };
      await recordCreator(principal, created);
      const answer: HttpAnswer = { status: 201, body: created };
      await noteActivity(entryOf(ctx, principal, 'create', { kind, startTime, endTime }, outcomeOf(answer)));
      return { answer, unknown: false };
    }
    if (found.listedAt.getTime() > attempt.endedAt.getTime()) return createOnce(ctx, principal, input, 'create-keyed');
    return { answer: OUTCOME_UNKNOWN().toAnswer(), unknown: true };
  }

  /** A create with an Idempotency-Key: the key's record in the store decides between replay, wait, resolve and create. */
  async function keyedCreate(
    ctx: RequestContext,
    principal: Principal,
    input: CreateExportInput,
    body: unknown,
    key: string,
  ): Promise<Response> {
    const { idempotency } = deps.services();
    const ref = { userId: principal.id, key };
    const fingerprint = fingerprintOf(body);

    const work = async (claim: IdempotencyClaim, attempt: { startedAt: Date; endedAt: Date } | null): Promise<Response> => {
      const stop = idempotency.keepAlive(claim);
      let result: { answer: HttpAnswer; unknown: boolean };
      try {
        result = attempt
          ? await resolveUnknown(ctx, principal, input, attempt)
          : await createOnce(ctx, principal, input, 'create-keyed');
      } catch (error) {
        stop();
        // Nothing reached CDN (the entry could not be written): the key may really try again.
        await idempotency.release(claim).catch(() => undefined);
        throw error;
      }
      stop();
      try {
        // Kept: a task (201), or an answer after which it may exist (replays resolve it). Clear refusals are not kept.
        if (result.answer.status === 201 || result.unknown) await idempotency.complete(claim, result.answer);
        else await idempotency.release(claim);
      } catch (error) {
        // The lease runs out and the next retry resolves the key through CDN's list: no duplicate either way.
        logAlert('store.idempotency.unsaved', { message: String(error) });
      }
      return answerResponse(result.answer);
    };

    for (let round = 0; round < 5; round++) {
      const outcome = await idempotency.claimOrWait(ref, fingerprint, { timeoutMs: idempotencyWaitMs });
      switch (outcome.state) {
        case 'mismatch':
          throw new IdempotencyKeyReusedError();
        case 'timeout':
          throw new HttpError(
            409,
            'IdempotencyKeyInFlight',
            'The first request with this Idempotency-Key is still running. Send this request again with the same key for its answer.',
            { retryAfterS: 2 },
          );
        case 'claimed':
          // A claim taken over from a process that died mid-call: its create may have happened.
          return work(outcome.claim, outcome.takenOver ? { startedAt: outcome.takenOver.startedAt, endedAt: new Date(now()) } : null);
        case 'replay': {
          if (outcome.answer.status === 201) return answerResponse(outcome.answer, { 'Idempotent-Replayed': 'true' });
          const claim = await idempotency.retake(ref, fingerprint, outcome.completedAt);
          // Another request is resolving it: wait for its answer.
          if (!claim) continue;
          return work(claim, { startedAt: outcome.startedAt, endedAt: outcome.completedAt });
        }
        case 'inFlight':
          continue;
      }
    }
    throw OUTCOME_UNKNOWN();
  }

  return {
    /** GET /api/exports?kind=&page=&size= */
    list(request: Request): Promise<Response> {
      const ctx = contextOf(request);
      return answering('read', ctx, async () => {
        const user = await signedIn(request, ctx);
        const query = parseListQuery(request);
        const principal = await permitted(user, 'list', ctx, { kind: query.kind });
        return jsonResponse(await listWithCreators(query, principal));
      });
    },

    /**
     * The list that the dashboard renders on the server (app/page.tsx), read as GET /api/exports reads it for the
     * page request's user, so that the first paint already has the rows. Null when nobody is signed in, the user may
     * not list, or the read fails: the page's own request then fetches the list and says what went wrong (and a
     * refusal is logged there, once).
     */
    async listForPage(request: Request, query: ListQuery): Promise<ExportTaskPage | null> {
      try {
        const auth = deps.auth();
        const user = await auth.authenticate(request);
        if (!user) return null;
        return await listWithCreators(query, authorize(user, 'list', auth.config.mode));
      } catch (error) {
        // A refusal is the browser's request to make (and to log); anything else is worth a line here.
        if (!(error instanceof HttpError)) {
          logWarning('page.list.unavailable', { message: error instanceof Error ? error.message : String(error) });
        }
        return null;
      }
    },

    /** POST /api/exports, with an optional Idempotency-Key. */
    create(request: Request): Promise<Response> {
      const ctx = contextOf(request);
      return answering('create', ctx, async () => {
        await requireAllowedOrigin(request, ctx);
        const user = await signedIn(request, ctx);
        const { input, body, idempotencyKey } = await parseCreateRequest(request, {
          now: now(),
          timeZone: deps.config().reportTimeZone,
        });
        const about: About = { kind: input.kind, startTime: input.startTime, endTime: input.endTime };
        const principal = await permitted(user, 'create', ctx, about);
        if (idempotencyKey === null) return answerResponse((await createOnce(ctx, principal, input, 'create')).answer);
        return keyedCreate(ctx, principal, input, body, idempotencyKey);
      });
    },

    /** DELETE /api/exports/{kind}/{id}: operators their own tasks (as the record says), admins any. */
    remove(request: Request, params: TaskParams): Promise<Response> {
      const ctx = contextOf(request);
      return answering('delete', ctx, async () => {
        await requireAllowedOrigin(request, ctx);
        const user = await signedIn(request, ctx);
        const task = parseTaskPath(params);
        const about: About = { kind: task.kind, taskId: task.id };
        const principal = await permitted(user, 'delete-own', ctx, about);
        const { store, exports } = deps.services();
        if (!can(principal.role, 'delete-any')) {
          const owner = await ownerOf(store, task.kind, task.id);
          if (owner?.id !== principal.id) {
            await refuse(
              ctx,
              principal,
              new HttpError(
                403,
                'Forbidden',
                'This task was not created by you through the dashboard: deleting it needs the admin role; you are an operator.',
              ),
              about,
            );
          }
        }
        const entry = await appendActivity(store, entryOf(ctx, principal, 'delete', about, { status: 0 }));
        let answer: HttpAnswer | null = null;
        try {
          await exports.remove(task.kind, task.id, { userId: principal.id });
        } catch (error) {
          answer = errorAnswer(error, 'delete');
        }
        // Gone either way when CDN no longer has it.
        if (answer === null || answer.status === 404) {
          await markTaskDeleted(store, task.kind, task.id).catch((error: unknown) =>
            logAlert('store.owner.undeleted', { taskId: task.id, message: String(error) }),
          );
        }
        await settle(entry, answer ? outcomeOf(answer) : { status: 204 });
        return answer ? answerResponse(answer) : new Response(null, { status: 204, headers: NO_STORE });
      });
    },

    /** GET /api/exports/{kind}/{id}/download → 302 to a fresh CDN download URL. */
    download(request: Request, params: TaskParams): Promise<Response> {
      const ctx = contextOf(request);
      return answering('read', ctx, async () => {
        const user = await signedIn(request, ctx);
        const task = parseTaskPath(params);
        const about: About = { kind: task.kind, taskId: task.id };
        const principal = await permitted(user, 'download', ctx, about);
        // `?check`: the page asks first whether the file can be had, so that a refusal becomes a notice rather than a
        // page of JSON. The same walk answers, but without a URL (204): nothing was handed out, so nothing is logged;
        // the click's own request that follows is the one download the log shows.
        const checkOnly = new URL(request.url).searchParams.has('check');
        let url: string;
        try {
          url = await deps.services().exports.downloadUrl(task.kind, task.id, { userId: principal.id });
        } catch (error) {
          const answer = errorAnswer(error, 'read');
          if (!checkOnly) await noteActivity(entryOf(ctx, principal, 'download', about, outcomeOf(answer)));
          return answerResponse(answer);
        }
        if (checkOnly) return new Response(null, { status: 204, headers: NO_STORE });
        await noteActivity(entryOf(ctx, principal, 'download', about, { status: 302 }));
        // The URL is signed and short-lived: neither the browser nor a proxy may keep the redirect.
        return new Response(null, { status: 302, headers: { ...NO_STORE, Location: url } });
      });
    },

    /** GET /api/activity?page&size&actor&action&kind&from&to (admins): newest first, each entry with `taskExists`. */
    activity(request: Request): Promise<Response> {
      const ctx = contextOf(request);
      return answering('read', ctx, async () => {
        const user = await signedIn(request, ctx);
        const query = parseActivityQuery(request);
        await permitted(user, 'read-activity', ctx, {});
        const { store } = deps.services();
        const page = await queryActivity(store, query);
        const live = new Set<string>();
        for (const kind of ['summary', 'detail'] as const) {
          const ids = page.entries.filter((e) => e.kind === kind && e.taskId).map((e) => e.taskId as string);
          for (const id of await liveTaskIds(store, kind, ids)) live.add(`${kind}/${id}`);
        }
        const entries = page.entries.map((e) => (e.kind && e.taskId ? { ...e, taskExists: live.has(`${e.kind}/${e.taskId}`) } : e));
        return jsonResponse({ ...page, entries });
      });
    },

    /** GET /api/activity/export?actor&action&kind&from&to (admins): every matching entry as CSV, streamed. */
    activityExport(request: Request): Promise<Response> {
      const ctx = contextOf(request);
      return answering('read', ctx, async () => {
        const user = await signedIn(request, ctx);
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a page does not apply to the export
        const { page, size, ...filters } = parseActivityQuery(request);
        await permitted(user, 'read-activity', ctx, {});
        const { store } = deps.services();
        // A store that is down is a 503 now, rather than a CSV cut off after its header.
        await store.ping();
        return new Response(activityCsvResponseBody(eachActivity(store, filters)), { status: 200, headers: ACTIVITY_CSV_HEADERS });
      });
    },

    /**
     * The sign-in routes (auth/auth-routes.ts) answer by themselves; a refusal among their answers (401, 403) goes to
     * the activity log as `denied` like every other route's, under the answer's own X-Request-Id.
     */
    signInRoute(route: (request: Request) => Promise<Response>) {
      return async (request: Request): Promise<Response> => {
        const response = await route(request);
        if (response.status !== 401 && response.status !== 403) return response;
        const ctx: RequestContext = { requestId: response.headers.get('x-request-id') ?? randomUUID(), ip: clientIp(request.headers) };
        const code = await response
          .clone()
          .json()
          .then((body: { error?: { code?: unknown } }) => (typeof body.error?.code === 'string' ? body.error.code : undefined))
          .catch(() => undefined);
        const principal = await deps
          .auth()
          .authenticate(request)
          .catch(() => null);
        await noteActivity(entryOf(ctx, principal, 'denied', {}, { status: response.status, ...(code ? { code } : {}) }));
        return response;
      };
    },

    /** Any other path under /api: the error shape, rather than Next's HTML page. */
    notFound(request?: Request): Promise<Response> {
      const ctx: RequestContext = request ? contextOf(request) : { requestId: randomUUID(), ip: null };
      return answering('read', ctx, async () => {
        throw new HttpError(404, 'NotFound', 'There is no such API endpoint.');
      });
    },

    /**
     * Handlers for the methods a route does not serve: 405 in the error shape with `Allow` (Next's own 405 has no
     * body), and OPTIONS with the same `Allow` (Next's own would list these 405 handlers as served). Next derives HEAD
     * from GET.
     */
    otherMethods(served: readonly ('GET' | 'POST' | 'DELETE')[]) {
      const allow = [...served, ...(served.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
      const answer = errorAnswer(new HttpError(405, 'MethodNotAllowed', `This endpoint answers ${allow} only.`), 'read');
      const notAllowed = () => answerResponse(answer, { Allow: allow, 'X-Request-Id': randomUUID() });
      return {
        GET: notAllowed,
        POST: notAllowed,
        PUT: notAllowed,
        PATCH: notAllowed,
        DELETE: notAllowed,
        OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow, 'X-Request-Id': randomUUID() } }),
      };
    },

    /**
     * GET /api/health, no sign-in: 200 when CDN answers and the record's store works, 503 (same body shape) when
     * either does not. It tells nothing but reachability.
     */
    health(request?: Request): Promise<Response> {
      const ctx: RequestContext = request ? contextOf(request) : { requestId: randomUUID(), ip: null };
      return answering('read', ctx, async () => {
        const { exports, store } = deps.services();
        const [upstream, storeOk] = await Promise.all([exports.health(), storeAnswers(store, 3000)]);
        const ok = upstream.status === 'ok' && storeOk;
        return jsonResponse({ ...upstream, status: ok ? 'ok' : 'unavailable', store: { kind: store.kind, ok: storeOk } }, ok ? 200 : 503);
      });
    },
  };
}

/** Whether the store answers within `timeoutMs` (a first open of the embedded store may take a few seconds). */
async function storeAnswers(store: Store, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([store.ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type ApiHandlers = ReturnType<typeof createApiHandlers>;

/**
 * The RPC endpoint, in the gateway's order: action and version, signature, flow control, injected faults, then the
 * operation. Every answer carries a fresh request id, in the body and in `x-acs-request-id`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_VERSION, isActionName, type ActionName } from './actions';
import { authenticate, describeCall, header, paramsOf, type ApiRequest } from './auth';
import { CdnError, apiErrors, errorBody, newRequestId } from './errors';
import type { Fault } from './faults';
import { BodyTooLargeError, readBody, requestHost, sendJson, sendText } from './http-io';
import { runOperation, type OperationContext, type OperationResult } from './operations';
import type { Params } from './signature';
import type { EmulatorState } from './state';

interface Exchange {
  state: EmulatorState;
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  host: string;
}

function answerError(exchange: Exchange, error: CdnError): void {
  exchange.state.stats.countError(error.code);
  sendJson(exchange.res, error.status, errorBody(error, exchange.requestId, exchange.host), {
    'x-acs-request-id': exchange.requestId,
  });
}

function answerSuccess(exchange: Exchange, result: OperationResult): void {
  sendJson(exchange.res, 200, { RequestId: exchange.requestId, ...result }, { 'x-acs-request-id': exchange.requestId });
}

/**
 * A 200 whose body is not the documented shape: by turns, JSON without any documented field, and a truncated
 * document that does not parse at all. A client must treat both as an unusable answer.
 */
function answerMalformed(exchange: Exchange, result: OperationResult | undefined): void {
  const turn = exchange.state.malformedHits++;
  const text =
    turn % 2 === 0
      ? JSON.stringify({ Unexpected: true })
      : (() => {
          const full = JSON.stringify({ RequestId: exchange.requestId, ...(result ?? {}) });
          return full.slice(0, Math.max(1, Math.floor(full.length / 2)));
        })();
  sendText(exchange.res, 200, text, 'application/json;charset=utf-8', { 'x-acs-request-id': exchange.requestId });
}

interface ParsedRequest {
  request: ApiRequest;
  /**
   * Why the request is refused before any check of its own, if it is: an oversized body (the request then goes on with
   * an empty one) or broken percent-encoding. Thrown only once the call is counted, as the stats promise.
   */
  refusal?: CdnError;
}

/**
 * Whether every `%` starts an escape and the escapes spell UTF-8. URLSearchParams would silently keep a stray `%` and
 * replace bad bytes, and the request would then fail later (as a signature mismatch, say) for a reason that hides
 * the cause.
 */
function isWellFormedEncoding(raw: string): boolean {
  try {
    decodeURIComponent(raw);
    return true;
  } catch {
    return false;
  }
}

async function parseRequest(req: IncomingMessage, rawPath: string, rawQuery: string): Promise<ParsedRequest> {
  const method = (req.method ?? 'GET').toUpperCase();
  let body: Buffer = Buffer.alloc(0);
  let refusal: CdnError | undefined;
  if (method === 'POST') {
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      refusal = apiErrors.bodyTooLarge(error.limit);
    }
  }
  const contentType = header(req.headers, 'content-type') ?? '';
  const formText = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') ? body.toString('utf8') : '';
  if (!isWellFormedEncoding(rawQuery) || !isWellFormedEncoding(formText)) refusal ??= apiErrors.malformedEncoding();
  const request: ApiRequest = {
    method,
    path: rawPath,
    query: paramsOf(new URLSearchParams(rawQuery)),
    form: paramsOf(new URLSearchParams(formText)),
    headers: req.headers,
    body,
  };
  return { request, refusal };
}

function execute(exchange: Exchange, action: ActionName, params: Params): OperationResult {
  const { state } = exchange;
  const context: OperationContext = {
    state,
    nowMs: state.now(),
    baseUrl: `http://${exchange.host}`,
    taskFails: () => state.faults.takeTaskFailure(action),
  };
  return runOperation(action, params, context);
}

/** Carries the operation out for a fault that replaces its answer; a validation refusal has no answer to replace. */
function runRefusalsIgnored(run: () => OperationResult): OperationResult | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof CdnError) return undefined;
    throw error;
  }
}

async function applyFault(exchange: Exchange, fault: Fault, run: () => OperationResult): Promise<'answered' | 'continue'> {
  switch (fault.mode) {
    case 'throttle':
      throw apiErrors.throttling();
    case 'error500':
      throw apiErrors.internalError();
    case 'unavailable':
      throw apiErrors.serviceUnavailable();
    case 'reset':
      exchange.req.socket.resetAndDestroy();
      return 'answered';
    case 'timeout':
      // The nastiest case for a client: the call takes effect, but no answer ever comes. The socket stays open
      // until the client gives up or the emulator closes.
      runRefusalsIgnored(run);
      return 'answered';
    case 'malformed':
      answerMalformed(exchange, runRefusalsIgnored(run));
      return 'answered';
    case 'slow':
      await sleep(fault.delayMs, undefined, { signal: exchange.state.closing.signal });
      return 'continue';
    case 'taskFails':
      return 'continue';
  }
}

export async function handleApi(state: EmulatorState, req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): Promise<void> {
  const exchange: Exchange = { state, req, res, requestId: newRequestId(), host: requestHost(req, state.hostPort) };
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'POST') throw apiErrors.unsupportedMethod();
    if (rawPath !== '/') throw new CdnError('NotFound', 404, 'The requested path does not exist; RPC calls go to "/".');

    const { request, refusal } = await parseRequest(req, rawPath, rawQuery);
    const target = describeCall(request);
    const action = target.action;
    // Counted before anything can refuse it: the stats are about what clients sent.
    if (isActionName(action)) state.stats.countCall(action);
    if (refusal) throw refusal;

    if (!target.version) throw apiErrors.missingParameter('Version');
    if (target.version !== API_VERSION) throw apiErrors.invalidVersion();
    if (!action) throw apiErrors.missingParameter('Action');
    if (!isActionName(action)) throw apiErrors.actionNotFound();

    const nowMs = state.now();
    const { accessKeyId, nonceKey } = authenticate(request, target, {
      accessKeyId: state.options.accessKeyId,
      accessKeySecret: state.options.accessKeySecret,
      nowMs,
      nonces: state.nonces,
    });
    if (!state.buckets.take(`${accessKeyId}\n${action}`, nowMs)) throw apiErrors.throttling();
    // Only now, with no await since the check: a throttled call leaves no nonce behind, a passed one cannot be replayed.
    state.nonces.remember(nonceKey, nowMs);

    const run = () => execute(exchange, action, target.params);
    const fault = state.faults.takeAnswerFault(action);
    if (fault && (await applyFault(exchange, fault, run)) === 'answered') return;
    answerSuccess(exchange, run());
  } catch (error) {
    if (error instanceof CdnError) {
      answerError(exchange, error);
    } else if (state.closing.signal.aborted || req.destroyed || res.destroyed) {
      // Shutting down mid-wait, or the client hung up mid-request: there is nobody to answer.
    } else {
      console.error('CDN emulator: unexpected error', error);
      answerError(exchange, apiErrors.internalError());
    }
  }
}

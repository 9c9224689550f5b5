/**
 * `/_emulator/*`: test-only control endpoints (no authentication; the emulator binds to loopback). They are never
 * subject to faults, throttling or the stats.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultInputSchema, MAX_FAULTS } from './faults';
import { BodyTooLargeError, readBody, sendJson } from './http-io';
import type { EmulatorState } from './state';

function controlError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

const CONTROL_BODY_LIMIT = 64 * 1024;

/**
 * Only `application/json` may change the emulator's state: a web page can send a form, a `text/plain` body or none at
 * all to loopback without a CORS preflight, but not JSON, so no page a developer visits can reset or fault it.
 * Answers 415 (after reading the body away, so the connection can carry it) and returns `false` otherwise.
 */
async function acceptsJson(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return true;
  await readBody(req, CONTROL_BODY_LIMIT).catch(() => undefined);
  controlError(res, 415, 'UnsupportedMediaType', 'Control requests must be sent as application/json.');
  return false;
}

async function addFault(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!(await acceptsJson(req, res))) return;
  let input: unknown;
  try {
    input = JSON.parse((await readBody(req, CONTROL_BODY_LIMIT)).toString('utf8'));
  } catch (error) {
    controlError(res, 400, 'InvalidJson', error instanceof BodyTooLargeError ? error.message : 'The body must be a JSON object.');
    return;
  }
  const parsed = faultInputSchema.safeParse(input);
  if (!parsed.success) {
    controlError(res, 400, 'InvalidFault', z.prettifyError(parsed.error).replace(/\n/g, ' '));
    return;
  }
  if (state.faults.list().length >= MAX_FAULTS) {
    controlError(res, 400, 'TooManyFaults', `At most ${MAX_FAULTS} faults can be set at once; clear some first.`);
    return;
  }
  const fault = state.faults.add(parsed.data);
  sendJson(res, 201, { fault, faults: state.faults.list() });
}

export async function handleControl(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_emulator/stats':
      sendJson(res, 200, state.stats.snapshot());
      return;
    case 'POST /_emulator/reset':
      if (!(await acceptsJson(req, res))) return;
      state.reset();
      sendJson(res, 200, { ok: true });
      return;
    case 'GET /_emulator/faults':
      sendJson(res, 200, { faults: state.faults.list() });
      return;
    case 'POST /_emulator/faults':
      await addFault(state, req, res);
      return;
    case 'DELETE /_emulator/faults':
      state.faults.clear();
      sendJson(res, 200, { faults: [] });
      return;
  }
  const known = ['/_emulator/stats', '/_emulator/reset', '/_emulator/faults'].includes(path.replace(/\/+$/, ''));
  if (known) controlError(res, 405, 'MethodNotAllowed', `${method} is not supported on ${path}.`);
  else controlError(res, 404, 'NotFound', `No control endpoint at ${path}.`);
}

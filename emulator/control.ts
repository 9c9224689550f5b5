/**
 * `/_emulator/*`: test-only control endpoints (no authentication; the emulator binds to loopback). They are never
 * subject to faults, throttling or the stats.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultInputSchema } from './faults';
import { BodyTooLargeError, readBody, sendJson } from './http-io';
import type { EmulatorState } from './state';

function controlError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

async function addFault(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let input: unknown;
  try {
    input = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
  } catch (error) {
    controlError(res, 400, 'InvalidJson', error instanceof BodyTooLargeError ? error.message : 'The body must be a JSON object.');
    return;
  }
  const parsed = faultInputSchema.safeParse(input);
  if (!parsed.success) {
    controlError(res, 400, 'InvalidFault', z.prettifyError(parsed.error).replace(/\n/g, ' '));
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

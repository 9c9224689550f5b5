/**
 * A local stand-in for Alibaba Cloud CDN's usage-export API: a real HTTP server that the official SDK talks to as it
 * would to cdn.aliyuncs.com (see README.md in this folder).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleApi } from './api';
import { EMULATOR_DEFAULTS } from './config';
import { handleControl } from './control';
import { FILES_PREFIX } from './download-urls';
import { serveDownload } from './downloads';
import { isHostName } from './host-names';
import { sendJson } from './http-io';
import { createState, type EmulatorState } from './state';

export interface EmulatorOptions {
  host: string;
  /** 0 = a free port chosen by the system. */
  port: number;
  accessKeyId: string;
  accessKeySecret: string;
  /** The account's domains: "all domains" of a details export. */
  domains: string[];
  /** How long a new task stays `created` before it turns `success` (or `failed`). */
  taskMs: number;
  /** How long a handed-out download URL stays valid. */
  urlTtlS: number;
  /** The clock, in ms since the epoch; for tests. */
  now?: () => number;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:4100` */
  url: string;
  port: number;
  close(): Promise<void>;
}

function resolveOptions(partial: Partial<EmulatorOptions>): EmulatorOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  const options: EmulatorOptions = { ...EMULATOR_DEFAULTS, ...defined, domains: [...(partial.domains ?? EMULATOR_DEFAULTS.domains)] };
  options.domains = [...new Set(options.domains.map((domain) => domain.trim().toLowerCase()))];
  const problems = [
    !Number.isInteger(options.port) || options.port < 0 || options.port > 65535 ? 'port must be an integer from 0 to 65535' : '',
    options.accessKeyId === '' || options.accessKeySecret === '' ? 'the key pair must not be empty' : '',
    options.domains.length === 0 || !options.domains.every(isHostName) ? 'domains must be valid host names' : '',
    !(options.taskMs >= 0) ? 'taskMs must not be negative' : '',
    !(options.urlTtlS > 0) ? 'urlTtlS must be positive' : '',
  ].filter((problem) => problem !== '');
  if (problems.length > 0) throw new Error(`Invalid CDN emulator options: ${problems.join('; ')}.`);
  return options;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The request target's raw path and raw query. No URL parser is involved, because one throws on targets that Node's
 * HTTP parser lets through (`GET http://a:99999/`); an absolute-form target (as proxies send it) loses its scheme and
 * authority.
 */
export function splitTarget(target: string): { path: string; rawQuery: string } {
  const local = (target.split('#')[0] ?? '').replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/, '');
  const mark = local.indexOf('?');
  const path = mark === -1 ? local : local.slice(0, mark);
  return { path: path === '' ? '/' : path, rawQuery: mark === -1 ? '' : local.slice(mark + 1) };
}

async function route(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The raw path, not a normalised one: a signed file URL must match byte for byte.
  const { path, rawQuery } = splitTarget(req.url ?? '/');
  if (path === '/_emulator' || path.startsWith('/_emulator/')) return handleControl(state, req, res, path);
  if (path.startsWith(FILES_PREFIX)) return serveDownload(state, req, res, path, rawQuery);
  return handleApi(state, req, res, path, rawQuery);
}

export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const state = createState(resolved);
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    route(state, req, res).catch((error: unknown) => {
      console.error('CDN emulator: unexpected error', error);
      sendJson(res, 500, { error: { code: 'InternalError', message: 'Unexpected emulator error.' } });
    });
  });
  // Tracked so that close() can end connections held open on purpose (the `timeout` fault) or kept alive by clients.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.hostPort = `${hostForUrl(resolved.host)}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${state.hostPort}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        state.closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

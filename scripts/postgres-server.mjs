#!/usr/bin/env node
/**
 * A throwaway PostgreSQL server for tests and drills: Debian's `postgresql` package, a temporary data folder, a free
 * loopback port, trust authentication for loopback only. As root, initdb and the server run as the `postgres` user
 * (initdb refuses root), and a missing package is installed with apt-get; anyone else is told which package to install.
 *
 *   import { startPostgres } from './postgres-server.mjs';
 *   const pg = await startPostgres(); … pg.url … ; await pg.stop();
 *
 * As a CLI (`node scripts/postgres-server.mjs`) it prints the URL and runs until Ctrl-C.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = 'postgresql';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The newest installed version's bin folder (Debian keeps them under /usr/lib/postgresql/<major>/bin). */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length > 0 ? join(base, majors[0], 'bin') : null;
}

function ensurePostgresBin() {
  const found = findPostgresBin();
  if (found) return found;
  if (!isRoot) {
    throw new Error(
      `PostgreSQL not found under /usr/lib/postgresql: install Debian's "${PACKAGE}" package (sudo apt-get install ${PACKAGE}).`,
    );
  }
  console.log(`PostgreSQL not found: installing Debian's "${PACKAGE}" package with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', PACKAGE], { stdio: 'inherit', env });
  const installed = findPostgresBin();
  if (!installed) throw new Error(`apt-get installed "${PACKAGE}" but no server was found under /usr/lib/postgresql.`);
  return installed;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root. */
function asPostgresUser(bin, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/**
 * Starts a server; resolves with its `url` (user `postgres`, database `postgres`), `port`, and a `stop()` that
 * stops the server (fast shutdown) and removes the folder. `pause()`/`resume()` stop and start the same server on the
 * same port and folder, for tests of a database that goes away mid-use.
 */
export async function startPostgres({ port: wantedPort, quiet = true } = {}) {
  const bin = ensurePostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'cdn-exports-pg-'));
  const dataDir = join(dir, 'data');
  if (isRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const [initCmd, initArgs] = asPostgresUser(join(bin, 'initdb'), [
    '-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync', '--locale=C',
  ]);
  execFileSync(initCmd, initArgs, { stdio: quiet ? 'ignore' : 'inherit' });

  const port = wantedPort ?? (await freePort());
  const pgCtl = (args) => {
    const [cmd, argv] = asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-w', '-t', '30', ...args]);
    execFileSync(cmd, argv, { stdio: quiet ? 'ignore' : 'inherit' });
  };
  const options = [
    `-p ${port}`, "-h 127.0.0.1", `-k ${dir}`,
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200',
  ].join(' ');
  let running = false;
  const launch = async () => {
    pgCtl(['-o', options, '-l', join(dir, 'server.log'), 'start']);
    running = true;
  };
  // "fast" ends every session at once, as a crash or a failover would for the clients.
  const halt = async () => {
    if (!running) return;
    pgCtl(['-m', 'fast', 'stop']);
    running = false;
  };
  await launch();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pause: halt,
    resume: launch,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startPostgres({ quiet: false });
  console.log(`PostgreSQL ready: DATABASE_URL=${server.url}  (Ctrl-C stops it and removes its folder)`);
  // The server runs detached (pg_ctl): this timer keeps the CLI alive until a signal stops both.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const shutdown = () => {
    clearInterval(keepAlive);
    server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

import 'server-only';
/**
 * The store's failures as the routes need them: StoreUnavailableError when the database cannot be reached or is going
 * away (a create or delete is then refused with 503 `StoreUnavailable`, lists and downloads go on), and
 * DataDirLockedError when another process holds the embedded store's folder (the server refuses to start).
 * Anything else from the database (bad SQL, a violated constraint) is a bug and stays as it is.
 */
import { BrandedError } from '../error-brand';

export class StoreUnavailableError extends BrandedError('StoreUnavailableError') {
  readonly code = 'StoreUnavailable';
  constructor(readonly reason: string) {
    super(`The record (database) is unavailable: ${reason}`);
  }
}

export class DataDirLockedError extends BrandedError('DataDirLockedError') {
  constructor(readonly dataDir: string) {
    super(
      `Another server process is using DATA_DIR=${dataDir}: stop it, give this process its own DATA_DIR, ` +
        'or set DATABASE_URL so that every process shares one PostgreSQL server.',
    );
  }
}

/**
 * SQLSTATE classes that mean "the server is not there for us right now": 08 connection exception, 53 insufficient
 * resources (too many connections), 57 operator intervention (shutdown, crash), 58 system error.
 */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58']);

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Drizzle wraps driver errors in its own (`cause` holds the driver's); look through the chain. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const cause = rootCause(error);
  const state = sqlState(cause);
  if (state !== undefined) return UNAVAILABLE_CLASSES.has(state.slice(0, 2));
  // A mistake in our own code is a bug, not an outage.
  if (cause instanceof TypeError || cause instanceof RangeError || cause instanceof SyntaxError) return false;
  // Without a SQLSTATE the failure came from the connection itself: refused, reset, timed out, pool or PGlite closed.
  return true;
}

/** The error to throw for a failed store operation. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || error instanceof DataDirLockedError) return error;
  if (!isUnavailable(error)) return error;
  const cause = rootCause(error);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StoreUnavailableError(reason);
}

/** What run.ts hands every scenario: the servers it started, all on loopback. */
import type { EmulatorProcess, Started } from './processes';

export interface BenchContext {
  emulator: EmulatorProcess;
  /** The dashboard's production build with the defaults (list cache 2 s). */
  dashboard: Started;
  /** The same build with CDN_LIST_CACHE_MS=0, so that every list really goes upstream. */
  dashboardUncached: Started;
  /** The empty page of the same Next.js version (empty-app.ts). */
  emptyPage: Started;
  chromiumPath: string;
  /** The list every dashboard shows first. */
  listPath: string;
  /** The dashboard's production build (NEXT_DIST_DIR), for scenarios that start servers of their own. */
  distDir: string;
}

/**
 * Vitest global setup: one real PostgreSQL server per test run (scripts/postgres-server.mjs), handed to the store
 * suites as `inject('postgresUrl')`; each suite makes its own database on it (test/store-fixtures.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/postgres-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
  };
}

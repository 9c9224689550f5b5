import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // `server-only` throws outside React's server bundle; unit tests run server code directly.
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', '.next-*/**', 'e2e/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // One real PostgreSQL server for the whole run: the store suites run against it and against PGlite.
    globalSetup: ['test/postgres-global-setup.ts'],
    setupFiles: ['test/quiet-call-log.ts'],
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', TZ: 'UTC' },
  },
});

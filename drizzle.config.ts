import { defineConfig } from 'drizzle-kit';

// `npm run db:generate`: writes the SQL migration for changes in the schema; the server applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/server/store/schema.ts',
  out: './lib/server/store/migrations',
});

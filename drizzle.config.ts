import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from db/schema into db/migrations.
// They run at start (server/) and in the tests, on PGlite and on Postgres alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});

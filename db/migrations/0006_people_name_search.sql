-- The banks' search by any part of a name (name_key like '%…%'): a trigram index. pg_trgm ships
-- with Postgres (contrib) and with PGlite (loaded in db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "people_name_trgm_idx" ON "people" USING gin ("name_key" gin_trgm_ops);

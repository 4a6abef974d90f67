ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Demo accounts seeded before this migration still have the password printed at every start.
UPDATE "users" SET "password_public" = true WHERE "email" LIKE '%@demo.tropa';

CREATE TABLE "audit_quarantine" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"board_id" text,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"error" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_quarantine_board_idx" ON "audit_quarantine" USING btree ("board_id","id");
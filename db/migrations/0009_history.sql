CREATE TABLE "audit_chain_checks" (
	"chain" text PRIMARY KEY NOT NULL,
	"last_id" bigint NOT NULL,
	"last_hash" text,
	"rows" bigint NOT NULL,
	"broken_id" bigint,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"board_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"state" jsonb NOT NULL,
	CONSTRAINT "audit_checkpoints_board_id_event_id_pk" PRIMARY KEY("board_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_org_type_idx" ON "audit_events" USING btree ("org_id","type","id");--> statement-breakpoint
CREATE INDEX "audit_events_org_actor_idx" ON "audit_events" USING btree ("org_id","actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_board_entity_idx" ON "audit_events" USING btree ("board_id","entity_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_org_at_idx" ON "audit_events" USING btree ("org_id","at");
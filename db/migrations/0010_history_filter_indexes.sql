DROP INDEX "audit_events_org_at_idx";--> statement-breakpoint
CREATE INDEX "audit_events_org_type_group_idx" ON "audit_events" USING btree ("org_id",split_part("type", '.', 1),"id");--> statement-breakpoint
CREATE INDEX "audit_events_org_at_id_idx" ON "audit_events" USING btree ("org_id","at","id");
CREATE TYPE "public"."age_band" AS ENUM('under_10', '10_13', '14_17', '18_24', '25_34', '35_plus');--> statement-breakpoint
CREATE TYPE "public"."bank_kind" AS ENUM('mentor', 'mentee');--> statement-breakpoint
CREATE TYPE "public"."bank_status" AS ENUM('candidate', 'approved', 'in_pair', 'left');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('pd_processing', 'publication', 'mentor_duties');--> statement-breakpoint
CREATE TYPE "public"."consent_signer" AS ENUM('self', 'guardian');--> statement-breakpoint
CREATE TYPE "public"."person_category" AS ENUM('student', 'teacher', 'spo_student', 'employer', 'other');--> statement-breakpoint
CREATE TABLE "bank_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"bank" "bank_kind" NOT NULL,
	"forms" text[] DEFAULT '{}' NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"request_text" text,
	"capacity" integer,
	"status" "bank_status" DEFAULT 'candidate' NOT NULL,
	"registered_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"signer" "consent_signer" NOT NULL,
	"signer_name" text NOT NULL,
	"guardian_relation" text,
	"signed_on" date NOT NULL,
	"valid_until" date,
	"withdrawn_on" date,
	"document_ref" text NOT NULL,
	"text_version" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pd_access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"view" text NOT NULL,
	"request_id" uuid
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"full_name" text NOT NULL,
	"name_key" text NOT NULL,
	"birth_date" date,
	"age_band" "age_band",
	"category" "person_category" NOT NULL,
	"position_or_class" text,
	"experience_years" integer,
	"email" text,
	"phone" text,
	"user_id" uuid,
	"processing_stopped_at" timestamp with time zone,
	"erase_due_on" date,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_keys" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"key" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_entries" ADD CONSTRAINT "bank_entries_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pd_access_log" ADD CONSTRAINT "pd_access_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pd_access_log" ADD CONSTRAINT "pd_access_log_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_keys" ADD CONSTRAINT "person_keys_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_entries_person_bank_key" ON "bank_entries" USING btree ("person_id","bank");--> statement-breakpoint
CREATE INDEX "bank_entries_org_bank_idx" ON "bank_entries" USING btree ("org_id","bank","status");--> statement-breakpoint
CREATE INDEX "consents_person_idx" ON "consents" USING btree ("person_id","purpose");--> statement-breakpoint
CREATE INDEX "pd_access_log_person_idx" ON "pd_access_log" USING btree ("person_id","id");--> statement-breakpoint
CREATE INDEX "pd_access_log_org_idx" ON "pd_access_log" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_org_number_key" ON "people" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "people_org_name_idx" ON "people" USING btree ("org_id","name_key","id");--> statement-breakpoint
CREATE INDEX "people_erase_due_idx" ON "people" USING btree ("erase_due_on");--> statement-breakpoint
CREATE INDEX "people_user_idx" ON "people" USING btree ("user_id");
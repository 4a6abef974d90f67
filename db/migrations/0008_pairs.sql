CREATE TYPE "public"."meeting_format" AS ENUM('in_person', 'remote');--> statement-breakpoint
CREATE TYPE "public"."meeting_kind" AS ENUM('intro', 'trial', 'planning', 'regular', 'final');--> statement-breakpoint
CREATE TYPE "public"."pair_side" AS ENUM('mentor', 'mentee');--> statement-breakpoint
CREATE TYPE "public"."pair_stage" AS ENUM('intro', 'trial', 'planning', 'regular', 'final', 'done');--> statement-breakpoint
CREATE TYPE "public"."pair_status" AS ENUM('active', 'completed', 'terminated');--> statement-breakpoint
CREATE TABLE "meeting_feedback" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_feedback_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pair_id" uuid NOT NULL,
	"kind" "meeting_kind" NOT NULL,
	"held_on" date NOT NULL,
	"format" "meeting_format" DEFAULT 'in_person' NOT NULL,
	"summary" text,
	"next_steps" text,
	"mentor_rating" integer,
	"reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pair_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pair_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"reached" boolean
);
--> statement-breakpoint
CREATE TABLE "pair_members" (
	"pair_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"side" "pair_side" NOT NULL,
	CONSTRAINT "pair_members_pair_id_person_id_pk" PRIMARY KEY("pair_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"form" text NOT NULL,
	"role_model" text,
	"rhythm_days" integer DEFAULT 14 NOT NULL,
	"started_on" date NOT NULL,
	"stage" "pair_stage" DEFAULT 'intro' NOT NULL,
	"status" "pair_status" DEFAULT 'active' NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"order_number" text,
	"order_date" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "preferences" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"preferred_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	CONSTRAINT "preferences_person_id_preferred_id_pk" PRIMARY KEY("person_id","preferred_id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"template" text NOT NULL,
	"person_id" uuid NOT NULL,
	"pair_id" uuid,
	"round" text,
	"answers" jsonb NOT NULL,
	"source" text DEFAULT 'online' NOT NULL,
	"entered_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_feedback" ADD CONSTRAINT "meeting_feedback_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_feedback" ADD CONSTRAINT "meeting_feedback_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_pair_id_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."pairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_goals" ADD CONSTRAINT "pair_goals_pair_id_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."pairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_members" ADD CONSTRAINT "pair_members_pair_id_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."pairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_members" ADD CONSTRAINT "pair_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairs" ADD CONSTRAINT "pairs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairs" ADD CONSTRAINT "pairs_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairs" ADD CONSTRAINT "pairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preferences" ADD CONSTRAINT "preferences_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preferences" ADD CONSTRAINT "preferences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preferences" ADD CONSTRAINT "preferences_preferred_id_people_id_fk" FOREIGN KEY ("preferred_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_pair_id_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."pairs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_pair_idx" ON "meetings" USING btree ("pair_id","held_on");--> statement-breakpoint
CREATE INDEX "pair_goals_pair_idx" ON "pair_goals" USING btree ("pair_id","position");--> statement-breakpoint
CREATE INDEX "pair_members_person_idx" ON "pair_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pairs_org_number_key" ON "pairs" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "pairs_board_idx" ON "pairs" USING btree ("board_id","status");--> statement-breakpoint
CREATE INDEX "pairs_org_status_idx" ON "pairs" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "preferences_org_idx" ON "preferences" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "survey_responses_org_idx" ON "survey_responses" USING btree ("org_id","template","submitted_at");--> statement-breakpoint
CREATE INDEX "survey_responses_person_idx" ON "survey_responses" USING btree ("person_id");
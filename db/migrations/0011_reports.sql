CREATE TABLE "monitoring_rounds" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"from" date NOT NULL,
	"to" date NOT NULL,
	"for_below" boolean DEFAULT false NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_actuals" (
	"org_id" uuid NOT NULL,
	"round" text NOT NULL,
	"indicator_key" text NOT NULL,
	"value" double precision,
	"note" text,
	"entered_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_actuals_org_id_round_indicator_key_pk" PRIMARY KEY("org_id","round","indicator_key")
);
--> statement-breakpoint
CREATE TABLE "report_contingents" (
	"org_id" uuid NOT NULL,
	"round" text NOT NULL,
	"students" integer,
	"teachers" integer,
	"young_specialists" integer,
	"students_band" text,
	"entered_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_contingents_org_id_round_pk" PRIMARY KEY("org_id","round")
);
--> statement-breakpoint
CREATE TABLE "report_indicators" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"unit" text,
	"targets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"link" text,
	"link_set_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_indicators_org_id_key_pk" PRIMARY KEY("org_id","key")
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"satisfaction_formula" text DEFAULT 'share' NOT NULL,
	"threshold" double precision DEFAULT 7 NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_signoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"round" text NOT NULL,
	"version" integer NOT NULL,
	"report" jsonb NOT NULL,
	"chain_heads" jsonb NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reopened_by" uuid,
	"reopened_at" timestamp with time zone,
	"reopen_reason" text
);
--> statement-breakpoint
CREATE TABLE "report_texts" (
	"org_id" uuid NOT NULL,
	"round" text NOT NULL,
	"conclusions" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_texts_org_id_round_pk" PRIMARY KEY("org_id","round")
);
--> statement-breakpoint
ALTER TABLE "monitoring_rounds" ADD CONSTRAINT "monitoring_rounds_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rounds" ADD CONSTRAINT "monitoring_rounds_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_actuals" ADD CONSTRAINT "report_actuals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_actuals" ADD CONSTRAINT "report_actuals_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_contingents" ADD CONSTRAINT "report_contingents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_contingents" ADD CONSTRAINT "report_contingents_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_indicators" ADD CONSTRAINT "report_indicators_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_indicators" ADD CONSTRAINT "report_indicators_link_set_by_users_id_fk" FOREIGN KEY ("link_set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_signoffs" ADD CONSTRAINT "report_signoffs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_signoffs" ADD CONSTRAINT "report_signoffs_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_signoffs" ADD CONSTRAINT "report_signoffs_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_texts" ADD CONSTRAINT "report_texts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_texts" ADD CONSTRAINT "report_texts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_rounds_org_key" ON "monitoring_rounds" USING btree ("org_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "report_signoffs_org_round_version" ON "report_signoffs" USING btree ("org_id","round","version");--> statement-breakpoint
CREATE INDEX "report_signoffs_round_idx" ON "report_signoffs" USING btree ("round","org_id");
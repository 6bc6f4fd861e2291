CREATE TABLE "attacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"declined" integer DEFAULT 0 NOT NULL,
	"blocked" integer DEFAULT 0 NOT NULL,
	"distinct_cards" integer DEFAULT 0 NOT NULL,
	"attempts_per_minute" real DEFAULT 0 NOT NULL,
	"top_ips" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"top_bins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"top_cards" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"trigger" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attacks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"actor_id" text,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"ip" text,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "detection_updates" (
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "detection_updates_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"organization_id" text NOT NULL,
	"detection_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "detection_updates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"expires_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lists" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "org_settings" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"review_threshold" integer DEFAULT 50 NOT NULL,
	"block_threshold" integer DEFAULT 80 NOT NULL,
	"override_review_threshold" integer,
	"override_block_threshold" integer,
	"override_until" timestamp with time zone,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"feature" text NOT NULL,
	"window_seconds" integer NOT NULL,
	"operator" text DEFAULT '>' NOT NULL,
	"threshold" double precision NOT NULL,
	"action" text NOT NULL,
	"score_delta" integer DEFAULT 0 NOT NULL,
	"mode" text DEFAULT 'active' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "shadow" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "review_status" text;--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "review_note" text;--> statement-breakpoint
CREATE INDEX "attacks_org_status_idx" ON "attacks" USING btree ("organization_id","status","started_at");--> statement-breakpoint
CREATE INDEX "audit_log_org_created_idx" ON "audit_log" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "detection_updates_org_cursor_idx" ON "detection_updates" USING btree ("organization_id","tx_id","seq");--> statement-breakpoint
CREATE INDEX "lists_org_type_value_idx" ON "lists" USING btree ("organization_id","type","value");--> statement-breakpoint
CREATE UNIQUE INDEX "rules_org_key_idx" ON "rules" USING btree ("organization_id","key");--> statement-breakpoint
CREATE INDEX "detections_org_email_idx" ON "detections" USING btree ("organization_id","email","created_at");--> statement-breakpoint
CREATE INDEX "detections_org_device_idx" ON "detections" USING btree ("organization_id","device_id","created_at");--> statement-breakpoint
CREATE INDEX "detections_org_customer_idx" ON "detections" USING btree ("organization_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "detections_org_review_idx" ON "detections" USING btree ("organization_id","created_at") WHERE decision = 'REVIEW' and review_status is null;--> statement-breakpoint
CREATE POLICY "attacks_org_isolation" ON "attacks" AS PERMISSIVE FOR ALL TO public USING (organization_id = current_setting('app.org_id', true)) WITH CHECK (organization_id = current_setting('app.org_id', true));--> statement-breakpoint
CREATE POLICY "audit_log_org_isolation" ON "audit_log" AS PERMISSIVE FOR ALL TO public USING (organization_id = current_setting('app.org_id', true)) WITH CHECK (organization_id = current_setting('app.org_id', true));--> statement-breakpoint
CREATE POLICY "detection_updates_org_isolation" ON "detection_updates" AS PERMISSIVE FOR ALL TO public USING (organization_id = current_setting('app.org_id', true)) WITH CHECK (organization_id = current_setting('app.org_id', true));--> statement-breakpoint
CREATE POLICY "lists_org_isolation" ON "lists" AS PERMISSIVE FOR ALL TO public USING (organization_id = current_setting('app.org_id', true)) WITH CHECK (organization_id = current_setting('app.org_id', true));--> statement-breakpoint
CREATE POLICY "org_settings_org_isolation" ON "org_settings" AS PERMISSIVE FOR ALL TO public USING (organization_id = current_setting('app.org_id', true)) WITH CHECK (organization_id = current_setting('app.org_id', true));--> statement-breakpoint
CREATE POLICY "rules_org_isolation" ON "rules" AS PERMISSIVE FOR ALL TO public USING (organization_id = current_setting('app.org_id', true)) WITH CHECK (organization_id = current_setting('app.org_id', true));
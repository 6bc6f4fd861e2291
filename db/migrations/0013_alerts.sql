-- Alerts (README, "Alerts"): an organization's Slack and e-mail channels, and
-- one row per alert sent to one of them. The unique (channel_id, event,
-- subject) index is what makes an incident's start or end alert go out once
-- per channel: the row is inserted before the message is sent, and only the
-- transaction that inserted it sends (several instances, restarts included).
CREATE TABLE "alert_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"type" text NOT NULL CHECK ("type" IN ('slack', 'email')),
	-- A Slack incoming-webhook URL or one e-mail address (a secret for Slack: anyone with it can post).
	"target" text NOT NULL CHECK (length("target") BETWEEN 1 AND 2048),
	"events" text[] NOT NULL CHECK (cardinality("events") >= 1 AND "events" <@ ARRAY['attack.started', 'attack.ended', 'review.backlog']::text[]),
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_channels_org_target_idx" ON "alert_channels" USING btree ("organization_id", "type", "target");
--> statement-breakpoint
ALTER TABLE "alert_channels" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "alert_channels" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "alert_channels_org_isolation" ON "alert_channels" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "alert_channels" TO orylo_app;
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"channel_id" uuid NOT NULL REFERENCES "alert_channels" ("id") ON DELETE CASCADE,
	"event" text NOT NULL CHECK ("event" IN ('attack.started', 'attack.ended', 'review.backlog', 'test')),
	-- What the alert is about: the incident's id, the minute a backlog alert was
	-- decided, a fresh id for a test message.
	"subject" text NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL CHECK ("status" IN ('sending', 'sent', 'failed')),
	"attempts" integer DEFAULT 0 NOT NULL,
	-- The target's answer to the last attempt: HTTP status (Slack), or null (e-mail, no answer).
	"http_status" integer,
	"error" text,
	"response" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_channel_event_subject_idx" ON "alerts" USING btree ("channel_id", "event", "subject");
--> statement-breakpoint
CREATE INDEX "alerts_org_channel_created_idx" ON "alerts" USING btree ("organization_id", "channel_id", "created_at");
--> statement-breakpoint
ALTER TABLE "alerts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "alerts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "alerts_org_isolation" ON "alerts" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
-- Rows are claimed by insert and completed by update; they leave with their channel.
GRANT SELECT, INSERT, UPDATE ON "alerts" TO orylo_app;
--> statement-breakpoint
-- The org's review-backlog setting: review.backlog fires when the oldest
-- pending review has waited longer than this.
ALTER TABLE "org_settings" ADD COLUMN "review_backlog_minutes" integer DEFAULT 30 NOT NULL CHECK ("review_backlog_minutes" BETWEEN 1 AND 10080);
--> statement-breakpoint
-- The periodic backlog check must know which organizations have a backlog
-- channel without reading anyone's channels: this answers org ids only.
CREATE OR REPLACE FUNCTION orylo_alert_backlog_orgs()
RETURNS SETOF text
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT DISTINCT c.organization_id FROM alert_channels c WHERE 'review.backlog' = ANY (c.events)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_alert_backlog_orgs() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_alert_backlog_orgs() TO orylo_app;
--> statement-breakpoint
-- FORCE RLS applies to the owner too (see 0001's api_keys_owner_key_lookup):
-- let the migrating role, which the function runs as, read the channels.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY alert_channels_owner_backlog_lookup ON alert_channels FOR SELECT TO %I USING (true)', current_user);
END
$$;

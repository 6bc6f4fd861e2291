-- Outbound webhooks (README, "Webhooks"): the endpoints an organization
-- registers, each event Orylo sends (the exact body, so every retry sends the
-- same bytes), one delivery per (event, endpoint) with its state, and every
-- attempt for the delivery log. The job queue itself is graphile-worker's
-- schema, installed by db/job-queue.ts after these migrations.
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	-- Filters detection.created by decision; null: every decision.
	"decisions" text[],
	"enabled" boolean DEFAULT true NOT NULL,
	-- lib/crypto/secret-box.ts: sealed, never returned after creation.
	"secret_sealed" text NOT NULL,
	-- After a rotation the previous secret signs too, until it expires.
	"previous_secret_sealed" text,
	"previous_secret_expires_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "webhook_endpoints_org_idx" ON "webhook_endpoints" USING btree ("organization_id", "created_at");
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"type" text NOT NULL,
	-- The JSON body exactly as sent: {"id","type","createdAt","data"}.
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "webhook_events_org_idx" ON "webhook_events" USING btree ("organization_id", "created_at");
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"event_id" uuid NOT NULL REFERENCES "webhook_events" ("id") ON DELETE CASCADE,
	"endpoint_id" uuid NOT NULL REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE,
	"status" text DEFAULT 'pending' NOT NULL CHECK ("status" IN ('pending', 'succeeded', 'failed', 'skipped')),
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_endpoint_idx" ON "webhook_deliveries" USING btree ("event_id", "endpoint_id");
--> statement-breakpoint
CREATE INDEX "webhook_deliveries_org_endpoint_idx" ON "webhook_deliveries" USING btree ("organization_id", "endpoint_id", "created_at");
--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id");
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"delivery_id" uuid NOT NULL REFERENCES "webhook_deliveries" ("id") ON DELETE CASCADE,
	"endpoint_id" uuid NOT NULL REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE,
	"event_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"attempt" integer NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL,
	-- The HTTP status, or null when no answer came (timeout, refused).
	"status" integer,
	"ok" boolean NOT NULL,
	"duration_ms" integer NOT NULL,
	"error" text,
	"response_snippet" text,
	-- When the next attempt is due; null after a success or the last attempt.
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "webhook_attempts_org_endpoint_idx" ON "webhook_attempts" USING btree ("organization_id", "endpoint_id", "attempted_at", "id");
--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("delivery_id");
--> statement-breakpoint
CREATE INDEX "webhook_attempts_endpoint_idx" ON "webhook_attempts" USING btree ("endpoint_id");
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "webhook_endpoints" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "webhook_endpoints_org_isolation" ON "webhook_endpoints" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
ALTER TABLE "webhook_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "webhook_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "webhook_events_org_isolation" ON "webhook_events" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "webhook_deliveries_org_isolation" ON "webhook_deliveries" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
ALTER TABLE "webhook_attempts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "webhook_attempts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "webhook_attempts_org_isolation" ON "webhook_attempts" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_endpoints" TO orylo_app;
--> statement-breakpoint
-- Events and attempts are facts: recorded and read, never changed.
GRANT SELECT, INSERT ON "webhook_events" TO orylo_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "webhook_deliveries" TO orylo_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "webhook_attempts" TO orylo_app;
--> statement-breakpoint
-- The delivery log is kept WEBHOOK_LOG_DAYS (lib/webhooks/prune.ts): events
-- older than that go, with their deliveries and attempts (cascade), unless a
-- delivery of theirs is still pending. Across organizations, like the rollup
-- housekeeping: a definer function, since the runtime role may not delete events.
CREATE INDEX "webhook_events_created_idx" ON "webhook_events" USING btree ("created_at");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION orylo_webhooks_purge(p_before timestamptz, p_limit integer)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  n integer;
BEGIN
  WITH victims AS (
    SELECT e.id FROM webhook_events e
    WHERE e.created_at < p_before
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
    ORDER BY e.created_at
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED
  ), del AS (
    DELETE FROM webhook_events e USING victims v WHERE e.id = v.id RETURNING 1
  )
  SELECT count(*)::int INTO n FROM del;
  RETURN n;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_webhooks_purge(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_webhooks_purge(timestamptz, integer) TO orylo_app;

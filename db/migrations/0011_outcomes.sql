-- Outcomes (README, "Outcomes and labels"): what happened to a payment after
-- Orylo scored it (authorized, declined, refunded, a chargeback, an early
-- fraud warning, an analyst's confirmation), one row per event. The client's
-- event id is unique per organization, so a retried post finds the stored
-- event instead of adding one, even when two copies arrive at once.
CREATE TABLE "detection_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"detection_id" uuid NOT NULL REFERENCES "detections" ("id") ON DELETE CASCADE,
	-- The client's "id", or one Orylo generated when it sent none.
	"event_id" text NOT NULL,
	"type" text NOT NULL CHECK ("type" IN ('authorized', 'declined', 'refunded', 'chargeback', 'early_fraud_warning', 'fraud_confirmed', 'legit_confirmed')),
	"reason" text,
	"decline_code" text,
	"amount" bigint CHECK ("amount" >= 0),
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	-- The member's email, or "api_key:<id>" for the merchant's backend.
	"created_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "detection_outcomes_org_event_idx" ON "detection_outcomes" USING btree ("organization_id", "event_id");
--> statement-breakpoint
CREATE INDEX "detection_outcomes_org_detection_idx" ON "detection_outcomes" USING btree ("organization_id", "detection_id", "occurred_at");
--> statement-breakpoint
-- The cascade's delete (retention) runs as the table owner, outside RLS.
CREATE INDEX "detection_outcomes_detection_idx" ON "detection_outcomes" USING btree ("detection_id");
--> statement-breakpoint
ALTER TABLE "detection_outcomes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "detection_outcomes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "detection_outcomes_org_isolation" ON "detection_outcomes" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
-- Events are facts: the app may record and read them, never change them.
GRANT SELECT, INSERT ON "detection_outcomes" TO orylo_app;
--> statement-breakpoint
-- Denormalized onto the detection in the same transaction as each event, so
-- lists and the stream show the timeline and the label without a join.
ALTER TABLE "detections" ADD COLUMN "outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "label" text;
--> statement-breakpoint
ALTER TABLE "detections" ADD CONSTRAINT "detections_label_check" CHECK ("label" IN ('fraud', 'legit'));

-- Snoozing a rule for one customer (README, "Snoozing a rule for one
-- customer"): one rule stops deciding for one email, card, customer or device
-- until expires_at; it is still evaluated and reported in shadow. Ending one
-- early sets ended_at: rows are never deleted, the audit trail points at them.
CREATE TABLE "rule_snoozes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"rule_id" uuid NOT NULL REFERENCES "rules"("id") ON DELETE CASCADE,
	"entity_type" text NOT NULL CHECK ("entity_type" IN ('email', 'card_fingerprint', 'customer_id', 'device_id')),
	"entity_value" text NOT NULL,
	"reason" text NOT NULL CHECK (char_length("reason") BETWEEN 1 AND 500),
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
-- Ingest looks snoozes up by the attempt's keys; ended ones never match.
CREATE INDEX "rule_snoozes_org_entity_idx" ON "rule_snoozes" USING btree ("organization_id", "entity_type", "entity_value") WHERE "ended_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "rule_snoozes_rule_idx" ON "rule_snoozes" USING btree ("rule_id");
--> statement-breakpoint
ALTER TABLE "rule_snoozes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "rule_snoozes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "rule_snoozes_org_isolation" ON "rule_snoozes" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
-- No DELETE: ending a snooze is an UPDATE of ended_at, kept for the record.
GRANT SELECT, INSERT, UPDATE ON "rule_snoozes" TO orylo_app;

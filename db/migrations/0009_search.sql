-- Search and filters at merchant scale (README, "Search and filters").
--
-- The `rule` filter: one row per reason code a detection carries, kept by
-- statement-level triggers so that rows written by anything (the API, an
-- import, a direct INSERT, retention's DELETE) are indexed. A GIN index on
-- the reasons cannot serve here: under row-level security PostgreSQL only
-- uses a filter as an index condition when its operator is leakproof, and the
-- jsonb and array containment operators are not; text and integer equality are.
-- `score_threshold` is on every detection and is not a rule: it is left out
-- (the API asks for minScore/maxScore instead).
CREATE TABLE "detection_reason_codes" (
	"organization_id" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	-- Copies of the detection's (immutable) amount and score, so that "this
	-- rule above this amount" is answered from the index alone.
	"amount" bigint NOT NULL,
	"score" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "detection_reason_codes_idx" ON "detection_reason_codes" USING btree ("organization_id", "code", "created_at", "seq") INCLUDE ("amount", "score");
--> statement-breakpoint
-- "This rule above this amount": the few rows in the range, not a walk through every row of a common rule.
CREATE INDEX "detection_reason_codes_amount_idx" ON "detection_reason_codes" USING btree ("organization_id", "code", "amount");
--> statement-breakpoint
ALTER TABLE "detection_reason_codes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "detection_reason_codes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "detection_reason_codes_org_isolation" ON "detection_reason_codes" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY detection_reason_codes_owner_maintenance ON detection_reason_codes FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;
--> statement-breakpoint
GRANT SELECT ON "detection_reason_codes" TO orylo_app;
--> statement-breakpoint
-- The triggers run as the owner: the rows they copy are the ones the
-- statement has just written (and row-level security has already checked).
CREATE OR REPLACE FUNCTION orylo_reason_codes_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO detection_reason_codes (organization_id, code, created_at, seq, amount, score)
  SELECT DISTINCT n.organization_id, r->>'code', n.created_at, n.seq, n.amount, n.score
  FROM new_rows n, jsonb_array_elements(n.reasons) r
  WHERE r->>'code' IS NOT NULL AND r->>'code' <> 'score_threshold';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION orylo_reason_codes_delete() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM detection_reason_codes h
  USING old_rows o, jsonb_array_elements(o.reasons) r
  WHERE h.organization_id = o.organization_id AND h.code = r->>'code' AND h.created_at = o.created_at AND h.seq = o.seq;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_reason_codes_insert() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_reason_codes_delete() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER detections_reason_codes_insert AFTER INSERT ON "detections"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orylo_reason_codes_insert();
--> statement-breakpoint
CREATE TRIGGER detections_reason_codes_delete AFTER DELETE ON "detections"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION orylo_reason_codes_delete();
--> statement-breakpoint
INSERT INTO detection_reason_codes (organization_id, code, created_at, seq, amount, score)
SELECT DISTINCT d.organization_id, r->>'code', d.created_at, d.seq, d.amount, d.score
FROM detections d, jsonb_array_elements(d.reasons) r
WHERE r->>'code' IS NOT NULL AND r->>'code' <> 'score_threshold';
--> statement-breakpoint
-- reviewStatus=approved|blocked: reviewed rows are few, newest first.
CREATE INDEX "detections_org_reviewed_idx" ON "detections" USING btree ("organization_id", "created_at") WHERE review_status IS NOT NULL;
--> statement-breakpoint
-- minAmount/maxAmount: "the 4,999.00 payments" is a common question; a range
-- over amounts is otherwise a scan of the org's rows.
CREATE INDEX "detections_org_amount_idx" ON "detections" USING btree ("organization_id", "amount");

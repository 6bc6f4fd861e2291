-- Rule performance (README, "Rule performance"): GET /api/v1/rules/:id/stats.
--
-- What a rule's fires were is fixed when the detection is written: its code in
-- `reasons` (active) or `shadow`, whether it was decisive, and the decision the
-- detection got at scoring (a reviewed row was a REVIEW: only those are
-- reviewed). Those add up per organization, rule code and hour here, kept by a
-- follower with its own commit-safe cursor, as detection_rollups are (0006),
-- so rows written by anything count once. Reviews and labels change later:
-- the read takes them from the detections themselves (the reviewed or labelled
-- rows of the window, a partial index below), never from a counter that a
-- missed update could leave wrong.

CREATE TABLE "rule_rollups" (
	"organization_id" text NOT NULL,
	-- A reason code: the rule's key.
	"code" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	-- Detections it fired on, active or shadow; of those, in `shadow` (a
	-- shadow-mode rule, or an active one a list overruled).
	"fires" integer DEFAULT 0 NOT NULL,
	"shadow_fires" integer DEFAULT 0 NOT NULL,
	-- Its active fires that made the decision (decisive: true).
	"decided" integer DEFAULT 0 NOT NULL,
	-- The decisions those detections got at scoring.
	"allow" integer DEFAULT 0 NOT NULL,
	"review" integer DEFAULT 0 NOT NULL,
	"block" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rule_rollups_pk" PRIMARY KEY ("organization_id", "code", "bucket")
);
--> statement-breakpoint
ALTER TABLE "rule_rollups" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "rule_rollups" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "rule_rollups_org_isolation" ON "rule_rollups" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY rule_rollups_owner_maintenance ON rule_rollups FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;
--> statement-breakpoint
GRANT SELECT ON "rule_rollups" TO orylo_app;
--> statement-breakpoint
-- One row: how far the rule follower has read detections. No tenant data.
-- Its own cursor (not rollup_state's), so it starts from the first row on an
-- existing table and never moves the other follower.
CREATE TABLE "rule_rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL CHECK (id = 1),
	"det_tx" xid8 DEFAULT '0'::xid8 NOT NULL,
	"det_seq" bigint DEFAULT 0 NOT NULL,
	"advanced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "rule_rollup_state" ("id") VALUES (1);
--> statement-breakpoint
GRANT SELECT ON "rule_rollup_state" TO orylo_app;
--> statement-breakpoint
-- The rows a rule's reviews and labels are read from: few (analysts' reviews,
-- chargebacks, confirmations), found by time without walking the organization.
CREATE INDEX "detections_org_marked_idx" ON "detections" USING btree ("organization_id", "created_at")
  WHERE review_status IS NOT NULL OR label IS NOT NULL;
--> statement-breakpoint
-- Adds the next detections (at most p_limit, every organization, commit-safe
-- order) to rule_rollups and moves the cursor, in the caller's transaction.
-- -1 when another instance's follower holds the turn.
CREATE OR REPLACE FUNCTION orylo_rule_rollup_advance(p_limit integer)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = public, pg_temp
SET "TimeZone" = 'UTC'
AS $$
DECLARE
  s rule_rollup_state%ROWTYPE;
  horizon xid8;
  n integer := 0;
  last_tx xid8;
  last_seq bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727276) THEN
    RETURN -1;
  END IF;
  SELECT * INTO s FROM rule_rollup_state WHERE id = 1 FOR UPDATE;
  horizon := pg_snapshot_xmin(pg_current_snapshot());

  WITH batch AS (
    SELECT d.organization_id, d.created_at, d.tx_id, d.seq, d.reasons, d.shadow,
      CASE WHEN d.review_status IS NOT NULL THEN 'REVIEW' ELSE d.decision END AS scored
    FROM detections d
    WHERE d.tx_id >= s.det_tx AND (d.tx_id, d.seq) > (s.det_tx, s.det_seq) AND d.tx_id < horizon
    ORDER BY d.tx_id, d.seq
    LIMIT p_limit
  ), fires AS (
    -- One fire per detection and code, active when the code is in `reasons`.
    SELECT b.organization_id, date_trunc('hour', b.created_at) AS bucket, f.code, b.scored,
      bool_or(f.active) AS active, bool_or(f.active AND f.decisive) AS decisive
    FROM batch b CROSS JOIN LATERAL (
      SELECT r->>'code' AS code, true AS active, coalesce(r->'decisive' = 'true'::jsonb, false) AS decisive
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(b.reasons) = 'array' THEN b.reasons ELSE '[]'::jsonb END) r
      UNION ALL
      SELECT r->>'code', false, false
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(b.shadow) = 'array' THEN b.shadow ELSE '[]'::jsonb END) r
    ) f
    WHERE f.code IS NOT NULL
    GROUP BY b.organization_id, b.seq, b.created_at, f.code, b.scored
  ), agg AS (
    SELECT organization_id, code, bucket,
      count(*)::int AS fires,
      count(*) FILTER (WHERE NOT active)::int AS shadow_fires,
      count(*) FILTER (WHERE decisive)::int AS decided,
      count(*) FILTER (WHERE scored = 'ALLOW')::int AS allow,
      count(*) FILTER (WHERE scored = 'REVIEW')::int AS review,
      count(*) FILTER (WHERE scored = 'BLOCK')::int AS block
    FROM fires
    GROUP BY 1, 2, 3
  ), ins AS (
    INSERT INTO rule_rollups AS r (organization_id, code, bucket, fires, shadow_fires, decided, allow, review, block)
    SELECT * FROM agg
    ON CONFLICT (organization_id, code, bucket) DO UPDATE SET
      fires = r.fires + excluded.fires, shadow_fires = r.shadow_fires + excluded.shadow_fires,
      decided = r.decided + excluded.decided, allow = r.allow + excluded.allow,
      review = r.review + excluded.review, block = r.block + excluded.block
    RETURNING 1
  ), last AS (
    SELECT b.tx_id, b.seq FROM batch b ORDER BY b.tx_id DESC, b.seq DESC LIMIT 1
  )
  SELECT (SELECT count(*) FROM batch)::int, (SELECT tx_id FROM last), (SELECT seq FROM last), (SELECT count(*) FROM ins)
  INTO n, last_tx, last_seq;
  IF n > 0 THEN
    UPDATE rule_rollup_state SET det_tx = last_tx, det_seq = last_seq, advanced_at = now() WHERE id = 1;
  END IF;
  RETURN n;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_rule_rollup_advance(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_rule_rollup_advance(integer) TO orylo_app;
--> statement-breakpoint
-- Retention (0006) as before, and now only among rows the rule follower has
-- read too: a row removed before it was counted would be a fire lost.
CREATE OR REPLACE FUNCTION orylo_retention_purge(p_org text, p_cutoff timestamptz, p_limit integer)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = public, pg_temp
SET "TimeZone" = 'UTC'
AS $$
DECLARE
  n integer;
BEGIN
  WITH s AS (SELECT det_tx, det_seq FROM rollup_state WHERE id = 1),
  rs AS (SELECT det_tx, det_seq FROM rule_rollup_state WHERE id = 1),
  victims AS (
    SELECT d.id FROM detections d, s, rs
    WHERE d.organization_id = p_org AND d.created_at < p_cutoff
      AND (d.tx_id, d.seq) <= (s.det_tx, s.det_seq) AND (d.tx_id, d.seq) <= (rs.det_tx, rs.det_seq)
    ORDER BY d.created_at
    LIMIT p_limit
    FOR UPDATE OF d SKIP LOCKED
  ), del AS (
    DELETE FROM detections d USING victims v WHERE d.id = v.id
    RETURNING d.created_at, (d.decision = 'REVIEW' AND d.review_status IS NULL) AS is_pending
  ), gone AS (
    SELECT g.grain, date_trunc(g.grain, del.created_at) AS bucket, count(*)::int AS n
    FROM del CROSS JOIN (VALUES ('minute'), ('hour')) AS g(grain)
    WHERE del.is_pending
    GROUP BY 1, 2
  ), adj AS (
    UPDATE detection_rollups r SET pending = r.pending - gone.n
    FROM gone WHERE r.organization_id = p_org AND r.grain = gone.grain AND r.bucket = gone.bucket
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM del)::int + 0 * (SELECT count(*) FROM adj) INTO n;
  RETURN n;
END
$$;

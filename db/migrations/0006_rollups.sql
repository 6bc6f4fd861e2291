-- Rollups: counters that cost the same whatever the volume (README, "Counters and rollups").
-- A follower (orylo_rollup_advance) reads detections and detection_updates
-- through the same commit-safe cursor as the stream and adds them to
-- per-minute and per-hour buckets; a reader adds the few rows past the cursor
-- (the tail), so counters are exact at every read.

CREATE TABLE "detection_rollups" (
	"organization_id" text NOT NULL,
	-- minute | hour
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"allow" integer DEFAULT 0 NOT NULL,
	"review" integer DEFAULT 0 NOT NULL,
	"block" integer DEFAULT 0 NOT NULL,
	-- REVIEW detections of this bucket still waiting for an analyst.
	"pending" integer DEFAULT 0 NOT NULL,
	-- Reviews of this bucket's detections, by outcome.
	"approved" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "detection_rollups_pk" PRIMARY KEY ("organization_id", "grain", "bucket")
);
--> statement-breakpoint
ALTER TABLE "detection_rollups" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "detection_rollups" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "detection_rollups_org_isolation" ON "detection_rollups" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
GRANT SELECT ON "detection_rollups" TO orylo_app;
--> statement-breakpoint
-- One row: how far the follower has read. No tenant data.
CREATE TABLE "rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL CHECK (id = 1),
	"det_tx" xid8 DEFAULT '0'::xid8 NOT NULL,
	"det_seq" bigint DEFAULT 0 NOT NULL,
	"upd_tx" xid8 DEFAULT '0'::xid8 NOT NULL,
	"upd_seq" bigint DEFAULT 0 NOT NULL,
	"advanced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "rollup_state" ("id") VALUES (1);
--> statement-breakpoint
GRANT SELECT ON "rollup_state" TO orylo_app;
--> statement-breakpoint
-- A review records what it changed, so the follower can move the counts.
-- counted: the detection was already in the rollups when the review committed
-- (else the follower reads the reviewed row as it is and the delta must not apply twice).
ALTER TABLE "detection_updates" ADD COLUMN "from_decision" text;
--> statement-breakpoint
ALTER TABLE "detection_updates" ADD COLUMN "to_decision" text;
--> statement-breakpoint
ALTER TABLE "detection_updates" ADD COLUMN "detection_created_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "detection_updates" ADD COLUMN "counted" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- The follower reads every organization in commit-safe order.
CREATE INDEX "detections_cursor_idx" ON "detections" USING btree ("tx_id", "seq");
--> statement-breakpoint
CREATE INDEX "detection_updates_cursor_idx" ON "detection_updates" USING btree ("tx_id", "seq");
--> statement-breakpoint
-- FORCE RLS applies to the owner too: the functions below run as the owner
-- and work across organizations. Only that role gets these policies.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY detections_owner_maintenance ON detections FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY detection_updates_owner_maintenance ON detection_updates FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY detection_rollups_owner_maintenance ON detection_rollups FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;
--> statement-breakpoint
-- Adds the next rows (at most p_limit of each table) to the rollups and moves
-- the cursor, in the caller's transaction. One follower at a time across
-- instances (the advisory lock); a busy one makes the others return -1.
CREATE OR REPLACE FUNCTION orylo_rollup_advance(p_limit integer)
RETURNS TABLE (detections integer, updates integer)
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = public, pg_temp
SET "TimeZone" = 'UTC'
AS $$
DECLARE
  s rollup_state%ROWTYPE;
  horizon xid8;
  n_det integer := 0;
  n_upd integer := 0;
  last_tx xid8;
  last_seq bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727275) THEN
    RETURN QUERY SELECT -1, -1;
    RETURN;
  END IF;
  -- The lock first, then the horizon and the reads (each statement takes a
  -- fresh snapshot): a review holding FOR SHARE on this row has committed by
  -- the time we read its detection (see orylo_rollup_counted).
  SELECT * INTO s FROM rollup_state WHERE id = 1 FOR UPDATE;
  horizon := pg_snapshot_xmin(pg_current_snapshot());

  WITH batch AS (
    SELECT d.organization_id, d.created_at, d.tx_id, d.seq, d.decision,
      (d.decision = 'REVIEW' AND d.review_status IS NULL) AS is_pending,
      d.review_status
    FROM detections d
    WHERE d.tx_id >= s.det_tx AND (d.tx_id, d.seq) > (s.det_tx, s.det_seq) AND d.tx_id < horizon
    ORDER BY d.tx_id, d.seq
    LIMIT p_limit
  ), agg AS (
    SELECT b.organization_id, g.grain, date_trunc(g.grain, b.created_at) AS bucket,
      count(*)::int AS total,
      count(*) FILTER (WHERE b.decision = 'ALLOW')::int AS allow,
      count(*) FILTER (WHERE b.decision = 'REVIEW')::int AS review,
      count(*) FILTER (WHERE b.decision = 'BLOCK')::int AS block,
      count(*) FILTER (WHERE b.is_pending)::int AS pending,
      count(*) FILTER (WHERE b.review_status = 'approved')::int AS approved,
      count(*) FILTER (WHERE b.review_status = 'blocked')::int AS rejected
    FROM batch b CROSS JOIN (VALUES ('minute'), ('hour')) AS g(grain)
    GROUP BY 1, 2, 3
  ), ins AS (
    INSERT INTO detection_rollups AS r (organization_id, grain, bucket, total, allow, review, block, pending, approved, rejected)
    SELECT * FROM agg
    ON CONFLICT (organization_id, grain, bucket) DO UPDATE SET
      total = r.total + excluded.total, allow = r.allow + excluded.allow, review = r.review + excluded.review,
      block = r.block + excluded.block, pending = r.pending + excluded.pending,
      approved = r.approved + excluded.approved, rejected = r.rejected + excluded.rejected
    RETURNING 1
  ), last AS (
    SELECT b.tx_id, b.seq FROM batch b ORDER BY b.tx_id DESC, b.seq DESC LIMIT 1
  )
  SELECT (SELECT count(*) FROM batch)::int, (SELECT tx_id FROM last), (SELECT seq FROM last), (SELECT count(*) FROM ins)
  INTO n_det, last_tx, last_seq;
  IF n_det > 0 THEN
    s.det_tx := last_tx;
    s.det_seq := last_seq;
  END IF;

  WITH batch AS (
    SELECT u.organization_id, u.detection_created_at, u.from_decision, u.to_decision, u.counted, u.tx_id, u.seq
    FROM detection_updates u
    WHERE u.tx_id >= s.upd_tx AND (u.tx_id, u.seq) > (s.upd_tx, s.upd_seq) AND u.tx_id < horizon
    ORDER BY u.tx_id, u.seq
    LIMIT p_limit
  ), agg AS (
    SELECT b.organization_id, g.grain, date_trunc(g.grain, b.detection_created_at) AS bucket,
      0 AS total,
      (count(*) FILTER (WHERE b.to_decision = 'ALLOW') - count(*) FILTER (WHERE b.from_decision = 'ALLOW'))::int AS allow,
      (count(*) FILTER (WHERE b.to_decision = 'REVIEW') - count(*) FILTER (WHERE b.from_decision = 'REVIEW'))::int AS review,
      (count(*) FILTER (WHERE b.to_decision = 'BLOCK') - count(*) FILTER (WHERE b.from_decision = 'BLOCK'))::int AS block,
      (-count(*))::int AS pending,
      count(*) FILTER (WHERE b.to_decision = 'ALLOW')::int AS approved,
      count(*) FILTER (WHERE b.to_decision = 'BLOCK')::int AS rejected
    FROM batch b CROSS JOIN (VALUES ('minute'), ('hour')) AS g(grain)
    WHERE b.counted AND b.from_decision IS NOT NULL AND b.to_decision IS NOT NULL AND b.detection_created_at IS NOT NULL
    GROUP BY 1, 2, 3
  ), ins AS (
    INSERT INTO detection_rollups AS r (organization_id, grain, bucket, total, allow, review, block, pending, approved, rejected)
    SELECT * FROM agg
    ON CONFLICT (organization_id, grain, bucket) DO UPDATE SET
      allow = r.allow + excluded.allow, review = r.review + excluded.review, block = r.block + excluded.block,
      pending = r.pending + excluded.pending, approved = r.approved + excluded.approved, rejected = r.rejected + excluded.rejected
    RETURNING 1
  ), last AS (
    SELECT b.tx_id, b.seq FROM batch b ORDER BY b.tx_id DESC, b.seq DESC LIMIT 1
  )
  SELECT (SELECT count(*) FROM batch)::int, (SELECT tx_id FROM last), (SELECT seq FROM last), (SELECT count(*) FROM ins)
  INTO n_upd, last_tx, last_seq;
  IF n_upd > 0 THEN
    s.upd_tx := last_tx;
    s.upd_seq := last_seq;
  END IF;

  IF n_det > 0 OR n_upd > 0 THEN
    UPDATE rollup_state SET det_tx = s.det_tx, det_seq = s.det_seq, upd_tx = s.upd_tx, upd_seq = s.upd_seq, advanced_at = now() WHERE id = 1;
  END IF;
  RETURN QUERY SELECT n_det, n_upd;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_rollup_advance(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_rollup_advance(integer) TO orylo_app;
--> statement-breakpoint
-- Called by a review in its own transaction before it records the change:
-- whether the follower has already counted this detection. FOR SHARE holds
-- the follower back until the review commits, so the answer stays true.
CREATE OR REPLACE FUNCTION orylo_rollup_counted(p_tx xid8, p_seq bigint)
RETURNS boolean
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT (p_tx, p_seq) <= (s.det_tx, s.det_seq) FROM rollup_state s WHERE s.id = 1 FOR SHARE
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_rollup_counted(xid8, bigint) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_rollup_counted(xid8, bigint) TO orylo_app;
--> statement-breakpoint
-- Retention: removes at most p_limit detections of one organization created
-- before p_cutoff, only among rows the rollups already hold, skipping rows a
-- review has locked. Pending reviews removed leave the pending counts.
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
  victims AS (
    SELECT d.id FROM detections d, s
    WHERE d.organization_id = p_org AND d.created_at < p_cutoff AND (d.tx_id, d.seq) <= (s.det_tx, s.det_seq)
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
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_retention_purge(text, timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_retention_purge(text, timestamptz, integer) TO orylo_app;
--> statement-breakpoint
-- Housekeeping across organizations: detection_updates the follower and the
-- streams are done with, and minute buckets older than the finest chart needs.
CREATE OR REPLACE FUNCTION orylo_rollup_housekeeping(p_updates_before timestamptz, p_minutes_before timestamptz, p_limit integer)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  n_upd integer;
  n_min integer;
BEGIN
  WITH s AS (SELECT upd_tx, upd_seq FROM rollup_state WHERE id = 1),
  victims AS (
    SELECT u.tx_id, u.seq FROM detection_updates u, s
    WHERE (u.tx_id, u.seq) <= (s.upd_tx, s.upd_seq) AND u.created_at < p_updates_before
    ORDER BY u.tx_id, u.seq
    LIMIT p_limit
  ), del AS (
    DELETE FROM detection_updates u USING victims v WHERE u.tx_id = v.tx_id AND u.seq = v.seq RETURNING 1
  )
  SELECT count(*) INTO n_upd FROM del;
  WITH victims AS (
    SELECT organization_id, grain, bucket FROM detection_rollups
    WHERE grain = 'minute' AND bucket < p_minutes_before
    LIMIT p_limit
  ), del AS (
    DELETE FROM detection_rollups r USING victims v
    WHERE r.organization_id = v.organization_id AND r.grain = v.grain AND r.bucket = v.bucket RETURNING 1
  )
  SELECT count(*) INTO n_min FROM del;
  RETURN n_upd + n_min;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_rollup_housekeeping(timestamptz, timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_rollup_housekeeping(timestamptz, timestamptz, integer) TO orylo_app;
--> statement-breakpoint
-- The review queue pages by seq: the partial index of pending reviews follows it (it was on created_at, so a big backlog was sorted on every page).
DROP INDEX IF EXISTS "detections_org_review_idx";
--> statement-breakpoint
CREATE INDEX "detections_org_review_idx" ON "detections" USING btree ("organization_id", "seq") WHERE decision = 'REVIEW' and review_status is null;

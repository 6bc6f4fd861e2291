-- Rule performance (README, "Rule performance"): GET /api/v1/rules/:id/stats.
--
-- Per organization, rule code and hour: the detections a rule fired on (its
-- code in `reasons`, active, or in `shadow`), whether it decided, the
-- decision at scoring (a reviewed row was a REVIEW: only those are reviewed),
-- and the reviews and labels those detections have now. A follower with its
-- own commit-safe cursor adds each detection as it is when read, as the
-- detection_rollups follower does (0006), so rows written by anything count
-- once. A review or a label that changes a row the follower has already read
-- leaves a delta in rule_rollup_changes, written by a trigger on detections
-- (so a hand-typed UPDATE is followed too), read through a second cursor. A read
-- adds the rows and the deltas past the cursors, in one
-- snapshot: exact at every read, at the cost of the window's hours.

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
	-- Analysts' reviews of those detections, and their labels, as they are now.
	"approved" integer DEFAULT 0 NOT NULL,
	"blocked" integer DEFAULT 0 NOT NULL,
	"fraud" integer DEFAULT 0 NOT NULL,
	"legit" integer DEFAULT 0 NOT NULL,
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
	"chg_tx" xid8 DEFAULT '0'::xid8 NOT NULL,
	"chg_seq" bigint DEFAULT 0 NOT NULL,
	"advanced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "rule_rollup_state" ("id") VALUES (1);
--> statement-breakpoint
GRANT SELECT ON "rule_rollup_state" TO orylo_app;
--> statement-breakpoint
-- Review and label changes of detections the follower had already read: it
-- adds them through a second commit-safe cursor; a read adds those past it.
CREATE TABLE "rule_rollup_changes" (
	"tx_id" xid8 DEFAULT pg_current_xact_id() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"organization_id" text NOT NULL,
	-- The detection's hour and every code it carries (reasons and shadow).
	"bucket" timestamp with time zone NOT NULL,
	"codes" text[] NOT NULL,
	-- -1, 0 or +1 each.
	"approved" integer NOT NULL,
	"blocked" integer NOT NULL,
	"fraud" integer NOT NULL,
	"legit" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rule_rollup_changes_cursor_idx" ON "rule_rollup_changes" USING btree ("tx_id", "seq");
--> statement-breakpoint
CREATE INDEX "rule_rollup_changes_org_cursor_idx" ON "rule_rollup_changes" USING btree ("organization_id", "tx_id", "seq");
--> statement-breakpoint
ALTER TABLE "rule_rollup_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "rule_rollup_changes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "rule_rollup_changes_org_isolation" ON "rule_rollup_changes" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY rule_rollup_changes_owner_maintenance ON rule_rollup_changes FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;
--> statement-breakpoint
GRANT SELECT ON "rule_rollup_changes" TO orylo_app;
--> statement-breakpoint
-- A review or a label changed: when the follower has already read the row,
-- the change is a delta for it to add; else it will read the row as it is.
-- FOR SHARE on the cursor holds the follower back until this transaction
-- ends, so the answer stays true (as orylo_rollup_counted, 0006). Runs as the
-- owner: the app role may neither lock the cursor nor write the deltas.
CREATE OR REPLACE FUNCTION orylo_rule_rollup_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET "TimeZone" = 'UTC' AS $$
DECLARE
  counted boolean;
BEGIN
  SELECT (OLD.tx_id, OLD.seq) <= (s.det_tx, s.det_seq) INTO counted FROM rule_rollup_state s WHERE s.id = 1 FOR SHARE;
  IF counted THEN
    INSERT INTO rule_rollup_changes (organization_id, bucket, codes, approved, blocked, fraud, legit)
    SELECT NEW.organization_id, date_trunc('hour', OLD.created_at), array_agg(DISTINCT r->>'code'),
      coalesce(NEW.review_status = 'approved', false)::int - coalesce(OLD.review_status = 'approved', false)::int,
      coalesce(NEW.review_status = 'blocked', false)::int - coalesce(OLD.review_status = 'blocked', false)::int,
      coalesce(NEW.label = 'fraud', false)::int - coalesce(OLD.label = 'fraud', false)::int,
      coalesce(NEW.label = 'legit', false)::int - coalesce(OLD.label = 'legit', false)::int
    FROM jsonb_array_elements(OLD.reasons || OLD.shadow) r
    WHERE r->>'code' IS NOT NULL
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_rule_rollup_change() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER detections_rule_rollup_change AFTER UPDATE OF review_status, label ON "detections"
  FOR EACH ROW WHEN (OLD.review_status IS DISTINCT FROM NEW.review_status OR OLD.label IS DISTINCT FROM NEW.label)
  EXECUTE FUNCTION orylo_rule_rollup_change();
--> statement-breakpoint
-- Adds the next detections (at most p_limit, every organization, commit-safe
-- order) to rule_rollups as they are now, then the next deltas, moving both
-- cursors, in the caller's transaction; removes deltas a week behind.
-- Returns the larger of the two counts; -1 when another instance's follower
-- holds the turn.
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
  n_chg integer := 0;
  last_tx xid8;
  last_seq bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727276) THEN
    RETURN -1;
  END IF;
  SELECT * INTO s FROM rule_rollup_state WHERE id = 1 FOR UPDATE;
  horizon := pg_snapshot_xmin(pg_current_snapshot());

  WITH batch AS (
    SELECT d.organization_id, d.created_at, d.tx_id, d.seq, d.reasons, d.shadow, d.review_status, d.label,
      CASE WHEN d.review_status IS NOT NULL THEN 'REVIEW' ELSE d.decision END AS scored
    FROM detections d
    WHERE d.tx_id >= s.det_tx AND (d.tx_id, d.seq) > (s.det_tx, s.det_seq) AND d.tx_id < horizon
    ORDER BY d.tx_id, d.seq
    LIMIT p_limit
  ), fires AS (
    -- One fire per detection and code, active when the code is in `reasons`.
    SELECT b.organization_id, date_trunc('hour', b.created_at) AS bucket, f.code, b.scored, b.review_status, b.label,
      bool_or(f.active) AS active, bool_or(f.active AND f.decisive) AS decisive
    FROM batch b CROSS JOIN LATERAL (
      SELECT r->>'code' AS code, true AS active, coalesce(r->'decisive' = 'true'::jsonb, false) AS decisive
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(b.reasons) = 'array' THEN b.reasons ELSE '[]'::jsonb END) r
      UNION ALL
      SELECT r->>'code', false, false
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(b.shadow) = 'array' THEN b.shadow ELSE '[]'::jsonb END) r
    ) f
    WHERE f.code IS NOT NULL
    GROUP BY b.organization_id, b.seq, b.created_at, f.code, b.scored, b.review_status, b.label
  ), agg AS (
    SELECT organization_id, code, bucket,
      count(*)::int AS fires,
      count(*) FILTER (WHERE NOT active)::int AS shadow_fires,
      count(*) FILTER (WHERE decisive)::int AS decided,
      count(*) FILTER (WHERE scored = 'ALLOW')::int AS allow,
      count(*) FILTER (WHERE scored = 'REVIEW')::int AS review,
      count(*) FILTER (WHERE scored = 'BLOCK')::int AS block,
      count(*) FILTER (WHERE review_status = 'approved')::int AS approved,
      count(*) FILTER (WHERE review_status = 'blocked')::int AS blocked,
      count(*) FILTER (WHERE label = 'fraud')::int AS fraud,
      count(*) FILTER (WHERE label = 'legit')::int AS legit
    FROM fires
    GROUP BY 1, 2, 3
  ), ins AS (
    INSERT INTO rule_rollups AS r (organization_id, code, bucket, fires, shadow_fires, decided, allow, review, block, approved, blocked, fraud, legit)
    SELECT * FROM agg
    ON CONFLICT (organization_id, code, bucket) DO UPDATE SET
      fires = r.fires + excluded.fires, shadow_fires = r.shadow_fires + excluded.shadow_fires,
      decided = r.decided + excluded.decided, allow = r.allow + excluded.allow,
      review = r.review + excluded.review, block = r.block + excluded.block,
      approved = r.approved + excluded.approved, blocked = r.blocked + excluded.blocked,
      fraud = r.fraud + excluded.fraud, legit = r.legit + excluded.legit
    RETURNING 1
  ), last AS (
    SELECT b.tx_id, b.seq FROM batch b ORDER BY b.tx_id DESC, b.seq DESC LIMIT 1
  )
  SELECT (SELECT count(*) FROM batch)::int, (SELECT tx_id FROM last), (SELECT seq FROM last), (SELECT count(*) FROM ins)
  INTO n, last_tx, last_seq;
  IF n > 0 THEN
    s.det_tx := last_tx;
    s.det_seq := last_seq;
  END IF;

  WITH batch AS (
    SELECT c.* FROM rule_rollup_changes c
    WHERE c.tx_id >= s.chg_tx AND (c.tx_id, c.seq) > (s.chg_tx, s.chg_seq) AND c.tx_id < horizon
    ORDER BY c.tx_id, c.seq
    LIMIT p_limit
  ), agg AS (
    SELECT b.organization_id, code, b.bucket,
      sum(b.approved)::int AS approved, sum(b.blocked)::int AS blocked, sum(b.fraud)::int AS fraud, sum(b.legit)::int AS legit
    FROM batch b CROSS JOIN unnest(b.codes) AS code
    GROUP BY 1, 2, 3
  ), ins AS (
    INSERT INTO rule_rollups AS r (organization_id, code, bucket, approved, blocked, fraud, legit)
    SELECT * FROM agg
    ON CONFLICT (organization_id, code, bucket) DO UPDATE SET
      approved = r.approved + excluded.approved, blocked = r.blocked + excluded.blocked,
      fraud = r.fraud + excluded.fraud, legit = r.legit + excluded.legit
    RETURNING 1
  ), last AS (
    SELECT b.tx_id, b.seq FROM batch b ORDER BY b.tx_id DESC, b.seq DESC LIMIT 1
  )
  SELECT (SELECT count(*) FROM batch)::int, (SELECT tx_id FROM last), (SELECT seq FROM last), (SELECT count(*) FROM ins)
  INTO n_chg, last_tx, last_seq;
  IF n_chg > 0 THEN
    s.chg_tx := last_tx;
    s.chg_seq := last_seq;
  END IF;
  IF n > 0 OR n_chg > 0 THEN
    UPDATE rule_rollup_state SET det_tx = s.det_tx, det_seq = s.det_seq, chg_tx = s.chg_tx, chg_seq = s.chg_seq, advanced_at = now() WHERE id = 1;
  END IF;
  -- Deltas it has read serve nobody a week on. The oldest few per call: a
  -- look at 100 rows, never a walk through the week.
  DELETE FROM rule_rollup_changes c
  WHERE c.ctid = ANY (ARRAY(
    SELECT o.ctid FROM (
      SELECT ctid, created_at FROM rule_rollup_changes
      WHERE (tx_id, seq) <= (s.chg_tx, s.chg_seq) ORDER BY tx_id, seq LIMIT 100
    ) o WHERE o.created_at < now() - interval '7 days'));
  RETURN greatest(n, n_chg);
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

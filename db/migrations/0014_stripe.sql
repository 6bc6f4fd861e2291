-- Stripe (README, "Stripe"): the organization's Stripe webhook signing secret,
-- sealed with lib/crypto/secret-box (never stored in the clear, never
-- returned), who set it and when, and the last events Stripe sent (bounded:
-- the settings page shows them so a merchant can see the connection works).
-- One row per organization; no row means not connected.
CREATE TABLE "stripe_connections" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"webhook_secret_sealed" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"set_by_id" text,
	"set_by_email" text,
	-- Newest first, at most 20 entries: { "id", "type", "result", "receivedAt" }.
	"recent_events" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stripe_connections" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "stripe_connections" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "stripe_connections_org_isolation" ON "stripe_connections" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "stripe_connections" TO orylo_app;
--> statement-breakpoint
-- SECURITY: a Stripe webhook names its org in the URL but proves it only with
-- a signature made with that org's secret, so the secret must be read before
-- the org is trusted, and RLS hides the row until app.org_id is set. This
-- function, owned by the migrating role, answers exactly one question: the
-- sealed secret of one org (or nothing). The request sets app.org_id only
-- after the signature checks out.
CREATE OR REPLACE FUNCTION orylo_stripe_webhook_secret(p_org text)
RETURNS text
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT c.webhook_secret_sealed FROM stripe_connections c WHERE c.organization_id = p_org
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_stripe_webhook_secret(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_stripe_webhook_secret(text) TO orylo_app;
--> statement-breakpoint
-- FORCE RLS applies to the table owner too (see 0001 for api_keys): when the
-- migrating role owns the table without being a superuser, let it (and only
-- it) read the secret for the lookup above.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY stripe_connections_owner_secret_lookup ON stripe_connections FOR SELECT TO %I USING (true)', current_user);
END
$$;

-- Custom migration: the runtime role, FORCE row-level security, grants, and the
-- API-key lookup. drizzle-kit cannot express these.

-- SECURITY: the app connects as orylo_app, which owns nothing and is not a
-- superuser, so the policies in 0000 apply to every query it makes. Its
-- password is set at each start by db/migrate.ts.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orylo_app') THEN
    CREATE ROLE orylo_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "detections" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO orylo_app;
--> statement-breakpoint
-- Auth tables: Better Auth reads memberships across organizations, so these
-- are plain grants without RLS. They hold no tenant data.
GRANT SELECT, INSERT, UPDATE, DELETE ON "user", "session", "account", "verification", "organization", "member", "invitation" TO orylo_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "api_keys" TO orylo_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "detections" TO orylo_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO orylo_app;
--> statement-breakpoint
-- SECURITY: an ingest request knows its key but not yet its org, and RLS hides
-- api_keys without an org. This function, owned by the migrating role, answers
-- exactly one question: which live key has this hash. The app role may call it
-- and nothing else crosses the policy.
CREATE OR REPLACE FUNCTION orylo_resolve_api_key(p_key_hash text)
RETURNS TABLE (key_id uuid, organization_id text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT k.id, k.organization_id
  FROM api_keys k
  WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION orylo_resolve_api_key(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION orylo_resolve_api_key(text) TO orylo_app;
--> statement-breakpoint
-- FORCE RLS applies to the table owner too. When the migrating role is an owner
-- but not a superuser, the lookup above runs as that owner: let it (and only
-- it) read api_keys without an org.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY api_keys_owner_key_lookup ON api_keys FOR SELECT TO %I USING (true)', current_user);
END
$$;

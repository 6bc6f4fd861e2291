-- Custom migration: FORCE row-level security and the app role's grants for the
-- card-testing defence tables (0002). drizzle-kit cannot express these.
ALTER TABLE "lists" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "rules" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "org_settings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "attacks" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "detection_updates" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "lists", "rules", "org_settings", "attacks" TO orylo_app;
--> statement-breakpoint
-- Append-only for the app: a detection update or an audit entry is never changed or removed.
GRANT SELECT, INSERT ON "detection_updates", "audit_log" TO orylo_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO orylo_app;

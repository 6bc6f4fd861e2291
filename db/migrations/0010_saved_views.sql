-- Saved views (README, "Search and filters"): a named set of the list's
-- filters, private to the analyst who saved it or shared with the org.
-- Who saved it is copied (name, email) so the list needs no join into auth tables.
CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text,
	"user_email" text,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_org_user_name_idx" ON "saved_views" USING btree ("organization_id", "user_id", lower("name"));
--> statement-breakpoint
ALTER TABLE "saved_views" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "saved_views" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "saved_views_org_isolation" ON "saved_views" AS PERMISSIVE FOR ALL TO public
  USING (organization_id = current_setting('app.org_id', true))
  WITH CHECK (organization_id = current_setting('app.org_id', true));
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "saved_views" TO orylo_app;

-- Rules that learn (README, "Rules"): a rule compares one numeric feature in
-- its flat fields (v1's form) or holds a condition, an all / any group of
-- comparisons; exactly one of the two forms is set.
ALTER TABLE "rules" ALTER COLUMN "feature" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "rules" ALTER COLUMN "window_seconds" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "rules" ALTER COLUMN "operator" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "rules" ALTER COLUMN "operator" DROP DEFAULT;
--> statement-breakpoint
ALTER TABLE "rules" ALTER COLUMN "threshold" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "rules" ADD COLUMN "condition" jsonb;
--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_one_condition_form" CHECK (
  (condition IS NULL AND feature IS NOT NULL AND window_seconds IS NOT NULL AND operator IS NOT NULL AND threshold IS NOT NULL)
  OR (condition IS NOT NULL AND feature IS NULL AND window_seconds IS NULL AND operator IS NULL AND threshold IS NULL)
);
--> statement-breakpoint
-- The IP's country as the merchant sends it (ingest's ipCountry), for the
-- country conditions; Orylo ships no IP database.
ALTER TABLE "detections" ADD COLUMN "ip_country" text;

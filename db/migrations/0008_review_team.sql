-- The review queue for a team (README, "The team review queue"): who holds a
-- pending item and until when (a claim; an expired one is simply ignored, no
-- cleanup job), the analyst's verdict on each review, and the org's target
-- for how long an item may wait.
ALTER TABLE "detections" ADD COLUMN "claimed_by" text;
--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "claimed_by_name" text;
--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "claimed_by_email" text;
--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "claimed_until" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "detections" ADD COLUMN "review_verdict" text;
--> statement-breakpoint
ALTER TABLE "detections" ADD CONSTRAINT "detections_review_verdict_check" CHECK ("review_verdict" IN ('fraud', 'genuine', 'unclear'));
--> statement-breakpoint
ALTER TABLE "org_settings" ADD COLUMN "review_target_minutes" integer DEFAULT 30 NOT NULL;
--> statement-breakpoint
ALTER TABLE "org_settings" ADD CONSTRAINT "org_settings_review_target_minutes_check" CHECK ("review_target_minutes" BETWEEN 1 AND 10080);

-- The language a channel's alerts are written in (README, "Languages"): a
-- Slack channel or an address has no reader's browser to ask, so the channel
-- keeps the language of the person who added it, or the one they picked.
-- Existing channels keep English, what they received until now.
ALTER TABLE "alert_channels" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;
--> statement-breakpoint
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_locale_check" CHECK ("locale" IN ('en', 'fr'));

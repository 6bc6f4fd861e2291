-- An incident is about the attack's traffic, not the shop's: what attributes
-- an attempt to it (lib/attacks/attribution.ts), and when it last resumed.
-- Incidents from before this have no indicators and count failed attempts.
ALTER TABLE "attacks" ADD COLUMN "indicators" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "attacks" ADD COLUMN "resumed_at" timestamp with time zone;

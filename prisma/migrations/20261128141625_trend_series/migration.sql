-- Whose count each trend follows (the worst UID, the worst process): a change
-- of series restarts the trend instead of reading the jump as a climb.
ALTER TABLE "host_state" ADD COLUMN     "trend_series" TEXT;

-- The default time-to-exhaustion rule waits 3 minutes instead of 1: a single
-- step (one build starting) keeps the 42 s trend projecting "full within the
-- hour" for about a minute or two, a sustained climb holds it. Left alone if
-- an admin changed it.
UPDATE "alert_rule" SET "for_seconds" = 180
WHERE "id" = '00000000-0000-4000-8000-000000000007' AND "for_seconds" = 60;

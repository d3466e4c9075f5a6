-- What an alert measures and whose it is; what its incident announced; its
-- clear spell and how often it came back (lib/alerts/incident.ts, evaluate.ts).
ALTER TABLE "alert" ADD COLUMN     "clear_since" TIMESTAMPTZ(3),
ADD COLUMN     "flaps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "notified_severity" TEXT,
ADD COLUMN     "resource" TEXT,
ADD COLUMN     "subject" TEXT;

-- CreateIndex
CREATE INDEX "alert_resolved_at_idx" ON "alert"("resolved_at");

-- Alerts from before: a level alert measures its own dimension; an open
-- exhaustion alert (one per host then, whichever dimension ran out first)
-- keeps a null resource and is taken over by the dimension that runs out
-- first at the next round. What was announced is the severity it had.
UPDATE "alert" SET "resource" = "dimension"
WHERE "dimension" IN ('inotifyInstances', 'inotifyWatches', 'systemFds', 'processFds');
UPDATE "alert" SET "notified_severity" = "severity"
WHERE "open_key" IS NOT NULL AND "state" = 'firing' AND "last_notified_at" IS NOT NULL;

-- The default rules wait before they fire: a minute for a level (four reports
-- at the default interval: one build's burst is not an incident), two for a
-- silent host (a reboot is not one either). Only rules still exactly as the
-- first migration created them: a rule an admin edited is left as it is.
UPDATE "alert_rule" SET "for_seconds" = 60
WHERE "deleted_at" IS NULL AND "for_seconds" = 0 AND "label" IS NULL AND "hysteresis" = 0.05 AND "warning" = 0.8 AND "critical" = 0.9
  AND ("id", "name", "dimension") IN (
    ('00000000-0000-4000-8000-000000000001', 'inotify instances (worst UID)', 'inotifyInstances'),
    ('00000000-0000-4000-8000-000000000002', 'inotify watches (worst UID)', 'inotifyWatches'),
    ('00000000-0000-4000-8000-000000000003', 'System file handles', 'systemFds'),
    ('00000000-0000-4000-8000-000000000004', 'Process fds (worst process)', 'processFds'));
UPDATE "alert_rule" SET "for_seconds" = 120
WHERE "id" = '00000000-0000-4000-8000-000000000005' AND "name" = 'Host silent' AND "dimension" = 'silent'
  AND "deleted_at" IS NULL AND "for_seconds" = 0 AND "label" IS NULL AND "warning" IS NULL AND "critical" = 1;
UPDATE "alert_rule" SET "for_seconds" = 60
WHERE "id" = '00000000-0000-4000-8000-000000000006' AND "name" = 'Watcher-panic risk' AND "dimension" = 'panicRisk'
  AND "deleted_at" IS NULL AND "for_seconds" = 0 AND "label" IS NULL AND "warning" IS NULL AND "critical" = 1;

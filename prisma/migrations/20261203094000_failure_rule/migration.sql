-- The default rule for failed calls: a program could not create an inotify
-- instance, a watch or a file descriptor (failure capture). It fires at once,
-- critical: the failure has happened, there is nothing to wait for.
INSERT INTO "alert_rule" ("id", "name", "dimension", "warning", "critical", "for_seconds", "hysteresis") VALUES
  ('00000000-0000-4000-8000-000000000008', 'A watcher or file could not be created', 'failures', NULL, 1, 0, 0)
ON CONFLICT ("id") DO NOTHING;

-- The evaluation heartbeat starts at the upgrade (or install): an existing fleet
-- is not shown as unevaluated in the seconds before the first round commits.
INSERT INTO "setting" ("key", "value", "updated_at")
VALUES ('evaluation', jsonb_build_object('at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), now())
ON CONFLICT ("key") DO NOTHING;

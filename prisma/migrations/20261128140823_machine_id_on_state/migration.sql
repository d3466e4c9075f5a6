-- Machine id change detection moves from the host row to host_state, which
-- every report passes through in time order (the host row is rewritten only
-- when a web process's cache sees the host's facts change).
ALTER TABLE "host_state" ADD COLUMN     "machine_id" TEXT,
ADD COLUMN     "machine_id_changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "previous_machine_id" TEXT;

-- Changes already seen stay shown.
UPDATE "host_state" s
SET "machine_id" = h."machine_id",
    "previous_machine_id" = h."previous_machine_id",
    "machine_id_changed_at" = h."machine_id_changed_at"
FROM "host" h
WHERE h."id" = s."host_id";

-- host.previous_machine_id and host.machine_id_changed_at stay for now: a
-- replica of the previous version, during a rolling upgrade, still writes and
-- reads them. A later release drops them.

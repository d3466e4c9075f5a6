-- Rollups of closed periods move into chunk tables (lib/server/services/compact-rollups.ts).
-- The rollup tables then hold only recent rows, so their time index becomes a
-- btree: on an upgrade, building it reads the whole minute table once.

-- Hour rollups were truncated in the server's time zone: where it is not a
-- whole number of hours off UTC (Asia/Kolkata, Australia/Adelaide...) their
-- buckets start at :30 or :45 UTC. From now on buckets are UTC hours; move
-- those rows to the UTC hour they start in (a row whose UTC hour already has
-- one, possible only if the server's zone changed, is dropped: the other keeps
-- the hour). Minute buckets are whole UTC minutes in every zone.
UPDATE "report_hour" h SET "bucket" = date_trunc('hour', h."bucket" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
WHERE h."bucket" <> date_trunc('hour', h."bucket" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
  AND NOT EXISTS (SELECT 1 FROM "report_hour" o WHERE o."host_id" = h."host_id"
    AND o."bucket" = date_trunc('hour', h."bucket" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');
DELETE FROM "report_hour" WHERE "bucket" <> date_trunc('hour', "bucket" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';

-- DropIndex
DROP INDEX "report_hour_bucket_idx";

-- DropIndex
DROP INDEX "report_minute_bucket_idx";

-- CreateTable
CREATE TABLE "report_minute_chunk" (
    "host_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "minute" INTEGER[],
    "last_at" INTEGER[],
    "inotify_instances_min" INTEGER[],
    "inotify_instances_max" INTEGER[],
    "inotify_instances_last" INTEGER[],
    "inotify_instances_limit" INTEGER[],
    "inotify_watches_min" INTEGER[],
    "inotify_watches_max" INTEGER[],
    "inotify_watches_last" INTEGER[],
    "inotify_watches_limit" INTEGER[],
    "system_fds_min" DOUBLE PRECISION[],
    "system_fds_max" DOUBLE PRECISION[],
    "system_fds_last" DOUBLE PRECISION[],
    "system_fds_limit" DOUBLE PRECISION[],
    "process_fds_min" INTEGER[],
    "process_fds_max" INTEGER[],
    "process_fds_last" INTEGER[],
    "process_fds_limit" INTEGER[],
    "containers_min" INTEGER[],
    "containers_max" INTEGER[],
    "containers_last" INTEGER[],

    CONSTRAINT "report_minute_chunk_pkey" PRIMARY KEY ("host_id","hour")
);

-- CreateTable
CREATE TABLE "report_hour_chunk" (
    "host_id" UUID NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "hour" INTEGER[],
    "last_at" INTEGER[],
    "inotify_instances_min" INTEGER[],
    "inotify_instances_max" INTEGER[],
    "inotify_instances_last" INTEGER[],
    "inotify_instances_limit" INTEGER[],
    "inotify_watches_min" INTEGER[],
    "inotify_watches_max" INTEGER[],
    "inotify_watches_last" INTEGER[],
    "inotify_watches_limit" INTEGER[],
    "system_fds_min" DOUBLE PRECISION[],
    "system_fds_max" DOUBLE PRECISION[],
    "system_fds_last" DOUBLE PRECISION[],
    "system_fds_limit" DOUBLE PRECISION[],
    "process_fds_min" INTEGER[],
    "process_fds_max" INTEGER[],
    "process_fds_last" INTEGER[],
    "process_fds_limit" INTEGER[],
    "containers_min" INTEGER[],
    "containers_max" INTEGER[],
    "containers_last" INTEGER[],

    CONSTRAINT "report_hour_chunk_pkey" PRIMARY KEY ("host_id","day")
);

-- CreateIndex
CREATE INDEX "report_minute_chunk_hour_idx" ON "report_minute_chunk" USING BRIN ("hour");

-- CreateIndex
CREATE INDEX "report_hour_chunk_day_idx" ON "report_hour_chunk" USING BRIN ("day");

-- CreateIndex
CREATE INDEX "report_hour_bucket_idx" ON "report_hour"("bucket");

-- CreateIndex
CREATE INDEX "report_minute_bucket_idx" ON "report_minute"("bucket");

-- AddForeignKey
ALTER TABLE "report_minute_chunk" ADD CONSTRAINT "report_minute_chunk_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_hour_chunk" ADD CONSTRAINT "report_hour_chunk_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

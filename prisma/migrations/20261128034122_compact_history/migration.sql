-- AlterTable
ALTER TABLE "host_state" ADD COLUMN     "processes_at" TIMESTAMPTZ(3),
ADD COLUMN     "processes_key" TEXT,
ADD COLUMN     "uids_at" TIMESTAMPTZ(3),
ADD COLUMN     "uids_key" TEXT;

-- CreateTable
CREATE TABLE "uid_sample" (
    "host_id" UUID NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "uids" INTEGER[],

    CONSTRAINT "uid_sample_pkey" PRIMARY KEY ("host_id","collected_at")
);

-- CreateTable
CREATE TABLE "process_sample" (
    "host_id" UUID NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "processes" JSONB NOT NULL,

    CONSTRAINT "process_sample_pkey" PRIMARY KEY ("host_id","collected_at")
);

-- CreateTable
CREATE TABLE "report_minute" (
    "host_id" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "inotify_instances_min" INTEGER NOT NULL,
    "inotify_instances_max" INTEGER NOT NULL,
    "inotify_instances_last" INTEGER NOT NULL,
    "inotify_instances_limit" INTEGER NOT NULL,
    "inotify_watches_min" INTEGER NOT NULL,
    "inotify_watches_max" INTEGER NOT NULL,
    "inotify_watches_last" INTEGER NOT NULL,
    "inotify_watches_limit" INTEGER NOT NULL,
    "system_fds_min" DOUBLE PRECISION NOT NULL,
    "system_fds_max" DOUBLE PRECISION NOT NULL,
    "system_fds_last" DOUBLE PRECISION NOT NULL,
    "system_fds_limit" DOUBLE PRECISION NOT NULL,
    "process_fds_min" INTEGER NOT NULL,
    "process_fds_max" INTEGER NOT NULL,
    "process_fds_last" INTEGER NOT NULL,
    "process_fds_limit" INTEGER NOT NULL,
    "containers_min" INTEGER NOT NULL,
    "containers_max" INTEGER NOT NULL,
    "containers_last" INTEGER NOT NULL,

    CONSTRAINT "report_minute_pkey" PRIMARY KEY ("host_id","bucket")
);

-- CreateTable
CREATE TABLE "report_hour" (
    "host_id" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "inotify_instances_min" INTEGER NOT NULL,
    "inotify_instances_max" INTEGER NOT NULL,
    "inotify_instances_last" INTEGER NOT NULL,
    "inotify_instances_limit" INTEGER NOT NULL,
    "inotify_watches_min" INTEGER NOT NULL,
    "inotify_watches_max" INTEGER NOT NULL,
    "inotify_watches_last" INTEGER NOT NULL,
    "inotify_watches_limit" INTEGER NOT NULL,
    "system_fds_min" DOUBLE PRECISION NOT NULL,
    "system_fds_max" DOUBLE PRECISION NOT NULL,
    "system_fds_last" DOUBLE PRECISION NOT NULL,
    "system_fds_limit" DOUBLE PRECISION NOT NULL,
    "process_fds_min" INTEGER NOT NULL,
    "process_fds_max" INTEGER NOT NULL,
    "process_fds_last" INTEGER NOT NULL,
    "process_fds_limit" INTEGER NOT NULL,
    "containers_min" INTEGER NOT NULL,
    "containers_max" INTEGER NOT NULL,
    "containers_last" INTEGER NOT NULL,

    CONSTRAINT "report_hour_pkey" PRIMARY KEY ("host_id","bucket")
);

-- Move what the wide report rows held into the new tables before the columns go.
-- (Rollups are not built here: the rollup job starts from the oldest raw report.)
DELETE FROM "report" a USING "report" b
  WHERE a.host_id = b.host_id AND a.collected_at = b.collected_at AND a.id > b.id;

INSERT INTO "uid_sample" (host_id, collected_at, uids)
SELECT r.host_id, r.collected_at, ARRAY(
    SELECT v FROM jsonb_array_elements(r.uids) WITH ORDINALITY AS u(e, n),
      LATERAL unnest(ARRAY[(e->>'uid')::int, (e->>'instances')::int, (e->>'watches')::int]) WITH ORDINALITY AS x(v, k)
    ORDER BY n, k)
FROM "report" r;

INSERT INTO "process_sample" (host_id, collected_at, processes)
SELECT host_id, collected_at, processes FROM "report";

UPDATE "report" SET sequence = 0 WHERE sequence IS NULL;
UPDATE "report" SET containers_running = 0 WHERE containers_running IS NULL;

-- AlterTable
ALTER TABLE "report" DROP CONSTRAINT "report_pkey",
DROP COLUMN "id",
DROP COLUMN "processes",
DROP COLUMN "received_at",
DROP COLUMN "uids",
ALTER COLUMN "containers_running" SET NOT NULL,
ALTER COLUMN "collection_ms" SET DATA TYPE REAL,
ALTER COLUMN "sequence" SET NOT NULL,
ALTER COLUMN "sequence" SET DEFAULT 0,
ADD CONSTRAINT "report_pkey" PRIMARY KEY ("host_id", "collected_at");

-- CreateIndex
CREATE INDEX "uid_sample_collected_at_idx" ON "uid_sample" USING BRIN ("collected_at");

-- CreateIndex
CREATE INDEX "process_sample_collected_at_idx" ON "process_sample" USING BRIN ("collected_at");

-- CreateIndex
CREATE INDEX "report_minute_bucket_idx" ON "report_minute" USING BRIN ("bucket");

-- CreateIndex
CREATE INDEX "report_hour_bucket_idx" ON "report_hour" USING BRIN ("bucket");

-- CreateIndex
CREATE INDEX "report_collected_at_idx" ON "report" USING BRIN ("collected_at");

-- AddForeignKey
ALTER TABLE "uid_sample" ADD CONSTRAINT "uid_sample_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "process_sample" ADD CONSTRAINT "process_sample_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_minute" ADD CONSTRAINT "report_minute_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_hour" ADD CONSTRAINT "report_hour_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

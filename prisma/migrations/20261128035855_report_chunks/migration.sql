-- DropIndex
DROP INDEX "report_collected_at_idx";

-- CreateTable
CREATE TABLE "report_chunk" (
    "host_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "at" INTEGER[],
    "sequence" INTEGER[],
    "inotify_instances_used" INTEGER[],
    "inotify_instances_limit" INTEGER[],
    "inotify_watches_used" INTEGER[],
    "inotify_watches_limit" INTEGER[],
    "system_fds_used" DOUBLE PRECISION[],
    "system_fds_limit" DOUBLE PRECISION[],
    "process_fds_used" INTEGER[],
    "process_fds_limit" INTEGER[],
    "containers_running" INTEGER[],
    "collection_ms" REAL[],

    CONSTRAINT "report_chunk_pkey" PRIMARY KEY ("host_id","hour")
);

-- CreateIndex
CREATE INDEX "report_chunk_hour_idx" ON "report_chunk" USING BRIN ("hour");

-- CreateIndex
CREATE INDEX "report_collected_at_idx" ON "report"("collected_at");

-- AddForeignKey
ALTER TABLE "report_chunk" ADD CONSTRAINT "report_chunk_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

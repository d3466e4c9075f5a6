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

-- CreateIndex
CREATE INDEX "report_minute_chunk_hour_idx" ON "report_minute_chunk" USING BRIN ("hour");

-- AddForeignKey
ALTER TABLE "report_minute_chunk" ADD CONSTRAINT "report_minute_chunk_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "host" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "machine_id" TEXT,
    "kernel" TEXT,
    "agent_version" TEXT,
    "boot_time" TIMESTAMPTZ(3),
    "interval_seconds" INTEGER NOT NULL DEFAULT 15,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "host_state" (
    "host_id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "inotify_instances_used" INTEGER NOT NULL,
    "inotify_instances_limit" INTEGER NOT NULL,
    "inotify_watches_used" INTEGER NOT NULL,
    "inotify_watches_limit" INTEGER NOT NULL,
    "system_fds_used" DOUBLE PRECISION NOT NULL,
    "system_fds_limit" DOUBLE PRECISION NOT NULL,
    "process_fds_used" INTEGER NOT NULL,
    "process_fds_limit" INTEGER NOT NULL,
    "containers_running" INTEGER,
    "worst_fraction" DOUBLE PRECISION NOT NULL,
    "panic_risk" BOOLEAN NOT NULL,
    "crashing_buildkit" BOOLEAN NOT NULL,
    "report" JSONB NOT NULL,

    CONSTRAINT "host_state_pkey" PRIMARY KEY ("host_id")
);

-- CreateTable
CREATE TABLE "report" (
    "host_id" UUID NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inotify_instances_used" INTEGER NOT NULL,
    "inotify_instances_limit" INTEGER NOT NULL,
    "inotify_watches_used" INTEGER NOT NULL,
    "inotify_watches_limit" INTEGER NOT NULL,
    "system_fds_used" DOUBLE PRECISION NOT NULL,
    "system_fds_limit" DOUBLE PRECISION NOT NULL,
    "process_fds_used" INTEGER NOT NULL,
    "process_fds_limit" INTEGER NOT NULL,
    "containers_running" INTEGER,
    "uids" JSONB NOT NULL,
    "processes" JSONB NOT NULL,
    "collection_ms" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "report_pkey" PRIMARY KEY ("host_id","collected_at","id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "host_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "host_name_key" ON "host"("name");

-- CreateIndex
CREATE INDEX "host_state_worst_fraction_idx" ON "host_state"("worst_fraction");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_hash_key" ON "api_token"("hash");

-- AddForeignKey
ALTER TABLE "host_state" ADD CONSTRAINT "host_state_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

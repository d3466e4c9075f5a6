-- AlterTable
ALTER TABLE "host" ADD COLUMN     "labels" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "host_state" ADD COLUMN     "inotify_instances_slope" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "inotify_watches_slope" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "process_fds_slope" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "system_fds_slope" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "alert_rule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "warning" DOUBLE PRECISION,
    "critical" DOUBLE PRECISION,
    "for_seconds" INTEGER NOT NULL DEFAULT 0,
    "hysteresis" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
    "label" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert" (
    "id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "open_key" TEXT,
    "dimension" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "used" DOUBLE PRECISION,
    "limit" DOUBLE PRECISION,
    "exhaustion_secs" DOUBLE PRECISION,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "fired_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "ack_note" TEXT,
    "last_notified_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_event" (
    "id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "muted" TEXT,
    "note" TEXT,

    CONSTRAINT "alert_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "silence" (
    "id" UUID NOT NULL,
    "host_id" UUID,
    "label" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "silence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "alert_id" UUID,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempt" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "response" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "batch_size" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "delivery_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_open_key_key" ON "alert"("open_key");

-- CreateIndex
CREATE INDEX "alert_host_id_started_at_idx" ON "alert"("host_id", "started_at");

-- CreateIndex
CREATE INDEX "alert_state_idx" ON "alert"("state");

-- CreateIndex
CREATE INDEX "alert_event_host_id_at_idx" ON "alert_event"("host_id", "at");

-- CreateIndex
CREATE INDEX "alert_event_alert_id_at_idx" ON "alert_event"("alert_id", "at");

-- CreateIndex
CREATE INDEX "silence_ends_at_idx" ON "silence"("ends_at");

-- CreateIndex
CREATE INDEX "notification_status_next_attempt_at_idx" ON "notification"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_created_at_idx" ON "notification"("created_at");

-- CreateIndex
CREATE INDEX "delivery_attempt_notification_id_at_idx" ON "delivery_attempt"("notification_id", "at");

-- AddForeignKey
ALTER TABLE "alert" ADD CONSTRAINT "alert_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert" ADD CONSTRAINT "alert_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_event" ADD CONSTRAINT "alert_event_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "silence" ADD CONSTRAINT "silence_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempt" ADD CONSTRAINT "delivery_attempt_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Default rules, the risk model of docs/alerts.md: a fresh install alerts without setup.
INSERT INTO "alert_rule" ("id", "name", "dimension", "warning", "critical", "for_seconds", "hysteresis") VALUES
  ('00000000-0000-4000-8000-000000000001', 'inotify instances (worst UID)', 'inotifyInstances', 0.8, 0.9, 0, 0.05),
  ('00000000-0000-4000-8000-000000000002', 'inotify watches (worst UID)', 'inotifyWatches', 0.8, 0.9, 0, 0.05),
  ('00000000-0000-4000-8000-000000000003', 'System file handles', 'systemFds', 0.8, 0.9, 0, 0.05),
  ('00000000-0000-4000-8000-000000000004', 'Process fds (worst process)', 'processFds', 0.8, 0.9, 0, 0.05),
  ('00000000-0000-4000-8000-000000000005', 'Host silent', 'silent', NULL, 1, 0, 0),
  ('00000000-0000-4000-8000-000000000006', 'Watcher-panic risk', 'panicRisk', NULL, 1, 0, 0),
  ('00000000-0000-4000-8000-000000000007', 'Time to exhaustion', 'exhaustion', 3600, 900, 60, 0);

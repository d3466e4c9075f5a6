-- AlterTable
ALTER TABLE "login_failure" ADD COLUMN     "device" TEXT;

-- CreateTable
CREATE TABLE "known_device" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "known_device_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "known_device_user_id_idx" ON "known_device"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "known_device_hash_user_id_key" ON "known_device"("hash", "user_id");

-- CreateIndex
CREATE INDEX "login_failure_device_at_idx" ON "login_failure"("device", "at");

-- AddForeignKey
ALTER TABLE "known_device" ADD CONSTRAINT "known_device_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "api_token" ADD COLUMN     "max_hosts" INTEGER;

-- AlterTable
ALTER TABLE "host" ADD COLUMN     "enrolled_by" UUID;

-- CreateIndex
CREATE INDEX "host_enrolled_by_idx" ON "host"("enrolled_by");

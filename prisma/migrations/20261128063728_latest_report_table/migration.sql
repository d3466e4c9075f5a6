-- The latest full report moves out of host_state into its own table, written
-- far less often than the current state (see schema.prisma). Existing
-- documents are kept.

-- CreateTable
CREATE TABLE "host_report" (
    "host_id" UUID NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "report" JSONB NOT NULL,

    CONSTRAINT "host_report_pkey" PRIMARY KEY ("host_id")
);

INSERT INTO "host_report" ("host_id", "collected_at", "report")
SELECT "host_id", "collected_at", "report" FROM "host_state";

-- AlterTable
ALTER TABLE "host_state" DROP COLUMN "report",
ADD COLUMN     "report_at" TIMESTAMPTZ(3),
ADD COLUMN     "report_key" TEXT;

UPDATE "host_state" SET "report_at" = "collected_at";

-- AddForeignKey
ALTER TABLE "host_report" ADD CONSTRAINT "host_report_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- lz4 where the server has it (Debian's Postgres does, PGlite does not):
-- storing a document took 30 % less time than with the default pglz.
DO $$ BEGIN
  ALTER TABLE "host_report" ALTER COLUMN "report" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;

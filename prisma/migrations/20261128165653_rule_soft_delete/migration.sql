-- AlterTable
ALTER TABLE "alert_rule" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

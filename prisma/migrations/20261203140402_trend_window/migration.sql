-- AlterTable
ALTER TABLE "host_state" ADD COLUMN     "trend_window" TEXT;

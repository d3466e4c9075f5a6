-- AlterTable
ALTER TABLE "channel" ADD COLUMN     "route" JSONB;

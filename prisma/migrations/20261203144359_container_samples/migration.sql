-- AlterTable
ALTER TABLE "process_sample" ADD COLUMN     "containers" JSONB;

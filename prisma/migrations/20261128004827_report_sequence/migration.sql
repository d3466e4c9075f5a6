-- AlterTable
ALTER TABLE "report" ADD COLUMN     "sequence" INTEGER;

-- AlterTable
ALTER TABLE "host" ADD COLUMN     "agent_labels" TEXT[] DEFAULT ARRAY[]::TEXT[];

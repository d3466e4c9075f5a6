-- AlterTable
ALTER TABLE "api_token" ADD COLUMN     "agent_label_allow" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "agent_labels" TEXT NOT NULL DEFAULT 'any';

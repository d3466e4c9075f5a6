-- AlterTable
ALTER TABLE "host_state" ADD COLUMN     "container_room" TEXT;

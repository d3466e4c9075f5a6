-- AlterTable
ALTER TABLE "host" ADD COLUMN     "machine_id_changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "previous_machine_id" TEXT;

-- Whose count each dimension shows ("uid 0 (root)", "dockerd (pid 812)"),
-- from the latest report: alert messages name it.
ALTER TABLE "host_state" ADD COLUMN     "subjects" TEXT;

-- DropForeignKey
ALTER TABLE "alert" DROP CONSTRAINT "alert_host_id_fkey";

-- DropForeignKey
ALTER TABLE "host_report" DROP CONSTRAINT "host_report_host_id_fkey";

-- DropForeignKey
ALTER TABLE "host_state" DROP CONSTRAINT "host_state_host_id_fkey";

-- DropForeignKey
ALTER TABLE "process_sample" DROP CONSTRAINT "process_sample_host_id_fkey";

-- DropForeignKey
ALTER TABLE "report" DROP CONSTRAINT "report_host_id_fkey";

-- DropForeignKey
ALTER TABLE "report_chunk" DROP CONSTRAINT "report_chunk_host_id_fkey";

-- DropForeignKey
ALTER TABLE "report_hour" DROP CONSTRAINT "report_hour_host_id_fkey";

-- DropForeignKey
ALTER TABLE "report_hour_chunk" DROP CONSTRAINT "report_hour_chunk_host_id_fkey";

-- DropForeignKey
ALTER TABLE "report_minute" DROP CONSTRAINT "report_minute_host_id_fkey";

-- DropForeignKey
ALTER TABLE "report_minute_chunk" DROP CONSTRAINT "report_minute_chunk_host_id_fkey";

-- DropForeignKey
ALTER TABLE "silence" DROP CONSTRAINT "silence_host_id_fkey";

-- DropForeignKey
ALTER TABLE "uid_sample" DROP CONSTRAINT "uid_sample_host_id_fkey";

-- AddForeignKey
ALTER TABLE "host_state" ADD CONSTRAINT "host_state_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "host_report" ADD CONSTRAINT "host_report_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "report_chunk" ADD CONSTRAINT "report_chunk_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "uid_sample" ADD CONSTRAINT "uid_sample_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "process_sample" ADD CONSTRAINT "process_sample_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "report_minute" ADD CONSTRAINT "report_minute_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "report_minute_chunk" ADD CONSTRAINT "report_minute_chunk_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "report_hour" ADD CONSTRAINT "report_hour_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "report_hour_chunk" ADD CONSTRAINT "report_hour_chunk_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "alert" ADD CONSTRAINT "alert_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "silence" ADD CONSTRAINT "silence_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

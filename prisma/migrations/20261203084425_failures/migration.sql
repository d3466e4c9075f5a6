-- CreateTable
CREATE TABLE "failure" (
    "host_id" UUID NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "total" INTEGER NOT NULL,
    "dropped" INTEGER NOT NULL,
    "counts" JSONB NOT NULL,
    "samples" JSONB NOT NULL,

    CONSTRAINT "failure_pkey" PRIMARY KEY ("host_id","collected_at")
);

-- CreateTable
CREATE TABLE "failure_total" (
    "host_id" UUID NOT NULL,
    "call" TEXT NOT NULL,
    "errno" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "failure_total_pkey" PRIMARY KEY ("host_id","call","errno")
);

-- CreateIndex
CREATE INDEX "failure_collected_at_idx" ON "failure"("collected_at");

-- AddForeignKey
ALTER TABLE "failure" ADD CONSTRAINT "failure_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "failure_total" ADD CONSTRAINT "failure_total_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

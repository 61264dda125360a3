-- CreateEnum
CREATE TYPE "SyncRunKind" AS ENUM ('FULL', 'INCREMENTAL', 'CDC');

-- CreateEnum
CREATE TYPE "SyncRunOutcome" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'DEFERRED');

-- AlterTable
ALTER TABLE "ObjectSync" ADD COLUMN     "fullLoadAfterId" TEXT,
ADD COLUMN     "fullLoadCompletedAt" TIMESTAMP(3),
ADD COLUMN     "fullLoadDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fullLoadTotal" INTEGER,
ADD COLUMN     "nextRunAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SalesforceRecord" (
    "organizationId" UUID NOT NULL,
    "object" "SyncObject" NOT NULL,
    "id" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "systemModstamp" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" TIMESTAMPTZ(3),
    "seq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SalesforceRecord_pkey" PRIMARY KEY ("organizationId","object","id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "objectSyncId" UUID NOT NULL,
    "kind" "SyncRunKind" NOT NULL,
    "outcome" "SyncRunOutcome" NOT NULL DEFAULT 'RUNNING',
    "worker" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "upserted" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SalesforceRecord_organizationId_object_seq_idx" ON "SalesforceRecord"("organizationId", "object", "seq");

-- CreateIndex
CREATE INDEX "SyncRun_objectSyncId_startedAt_idx" ON "SyncRun"("objectSyncId", "startedAt");

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_objectSyncId_fkey" FOREIGN KEY ("objectSyncId") REFERENCES "ObjectSync"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the change-feed order of local records, drawn by the record store on every write.
CREATE SEQUENCE "SalesforceRecord_seq_seq" AS BIGINT;

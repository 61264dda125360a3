-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('INBOUND', 'OUTBOUND', 'INTERNAL');

-- CreateEnum
CREATE TYPE "CallActivityStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "SalesforceRecord" ADD COLUMN     "createdSeq" BIGINT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdByUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallActivity" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "callId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "direction" "CallDirection" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "disposition" TEXT NOT NULL,
    "notes" TEXT,
    "status" "CallActivityStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taskId" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_createdAt_idx" ON "ApiKey"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "CallActivity_status_nextAttemptAt_idx" ON "CallActivity"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallActivity_organizationId_callId_key" ON "CallActivity"("organizationId", "callId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallActivity" ADD CONSTRAINT "CallActivity_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the record store (raw SQL) does not name createdSeq; a trigger records the seq a row
-- was first inserted with. An ON CONFLICT update keeps the stored value (its SET never names it).
CREATE FUNCTION "SalesforceRecord_set_createdSeq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."createdSeq" := NEW.seq;
  RETURN NEW;
END
$$;
CREATE TRIGGER "SalesforceRecord_createdSeq" BEFORE INSERT ON "SalesforceRecord"
  FOR EACH ROW EXECUTE FUNCTION "SalesforceRecord_set_createdSeq"();

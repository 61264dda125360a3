-- AlterTable
ALTER TABLE "CallActivity" ADD COLUMN     "claimToken" UUID,
ADD COLUMN     "legacyTaskKey" BOOLEAN NOT NULL DEFAULT false;

-- Calls not yet recorded may already have a Task under the old key (the bare call id) from an
-- attempt before this upgrade: keep looking that key up for them (docs/decisions/010).
UPDATE "CallActivity" SET "legacyTaskKey" = true WHERE "status" IN ('PENDING', 'SENDING');

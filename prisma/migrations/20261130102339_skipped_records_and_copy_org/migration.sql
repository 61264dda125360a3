-- CreateTable
CREATE TABLE "SkippedRecord" (
    "organizationId" UUID NOT NULL,
    "objectSyncId" UUID NOT NULL,
    "recordId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "systemModstamp" TIMESTAMPTZ(3),
    "skippedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SkippedRecord_pkey" PRIMARY KEY ("objectSyncId","recordId")
);

-- CreateIndex
CREATE INDEX "SkippedRecord_organizationId_idx" ON "SkippedRecord"("organizationId");

-- AddForeignKey
ALTER TABLE "SkippedRecord" ADD CONSTRAINT "SkippedRecord_objectSyncId_fkey" FOREIGN KEY ("objectSyncId") REFERENCES "ObjectSync"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The Salesforce org the local copy came from (app setting `salesforce.copy_org_id`, see
-- docs/decisions/008): for a connected organization, the org it is connected to now.
INSERT INTO "AppSetting" ("organizationId", "key", "value", "updatedAt")
SELECT "organizationId", 'salesforce.copy_org_id', "salesforceOrgId", CURRENT_TIMESTAMP
FROM "SalesforceAccount"
ON CONFLICT ("organizationId", "key") DO NOTHING;

-- Hand-written (decision 027): checks the rows already there against the foreign keys the previous
-- migration added NOT VALID. VALIDATE takes SHARE UPDATE EXCLUSIVE: reads and writes go on while
-- it scans. Validating a valid key again does nothing.
ALTER TABLE "CampaignDataSource" VALIDATE CONSTRAINT "CampaignDataSource_organizationId_objectSyncId_fkey";
ALTER TABLE "SkippedRecord" VALIDATE CONSTRAINT "SkippedRecord_organizationId_objectSyncId_fkey";
ALTER TABLE "SyncRun" VALIDATE CONSTRAINT "SyncRun_organizationId_objectSyncId_fkey";

-- Hand-written (decision 027): ObjectSync's primary key becomes (organizationId, id), and the
-- foreign keys to it from CampaignDataSource, SkippedRecord and SyncRun become
-- (organizationId, objectSyncId), so a distribution on organizationId keeps a sync and its rows on
-- one shard. The keys come from the indexes the previous migration built (USING INDEX reads no
-- rows); the new foreign keys are added NOT VALID here (no scan while this transaction holds its
-- locks) and validated by the next migration, which blocks no writer. Rows stay as they are.

ALTER TABLE "CampaignDataSource" DROP CONSTRAINT "CampaignDataSource_objectSyncId_fkey";
ALTER TABLE "SkippedRecord" DROP CONSTRAINT "SkippedRecord_objectSyncId_fkey";
ALTER TABLE "SyncRun" DROP CONSTRAINT "SyncRun_objectSyncId_fkey";

ALTER TABLE "ObjectSync" DROP CONSTRAINT "ObjectSync_pkey",
  ADD CONSTRAINT "ObjectSync_pkey" PRIMARY KEY USING INDEX "ObjectSync_organizationId_id_key";
ALTER TABLE "CampaignDataSource" DROP CONSTRAINT "CampaignDataSource_pkey",
  ADD CONSTRAINT "CampaignDataSource_pkey" PRIMARY KEY USING INDEX "CampaignDataSource_organizationId_id_key";
ALTER TABLE "SyncRun" DROP CONSTRAINT "SyncRun_pkey",
  ADD CONSTRAINT "SyncRun_pkey" PRIMARY KEY USING INDEX "SyncRun_organizationId_id_key";
ALTER TABLE "SkippedRecord" DROP CONSTRAINT "SkippedRecord_pkey",
  ADD CONSTRAINT "SkippedRecord_pkey" PRIMARY KEY USING INDEX "SkippedRecord_organizationId_objectSyncId_recordId_key";

-- Replaced by (organizationId, objectSyncId); covered by the primary key's first column.
DROP INDEX "CampaignDataSource_objectSyncId_idx";
DROP INDEX "SkippedRecord_organizationId_idx";

ALTER TABLE "CampaignDataSource" ADD CONSTRAINT "CampaignDataSource_organizationId_objectSyncId_fkey" FOREIGN KEY ("organizationId", "objectSyncId") REFERENCES "ObjectSync"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;
ALTER TABLE "SkippedRecord" ADD CONSTRAINT "SkippedRecord_organizationId_objectSyncId_fkey" FOREIGN KEY ("organizationId", "objectSyncId") REFERENCES "ObjectSync"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_organizationId_objectSyncId_fkey" FOREIGN KEY ("organizationId", "objectSyncId") REFERENCES "ObjectSync"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

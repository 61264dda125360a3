-- migrate: no-transaction
-- Hand-written (decision 027): ObjectSync and the tables that hang off it are keyed by
-- organizationId first. As for the leaf tables, the new keys' indexes are built here without
-- blocking writers and swapped in by the next migration; each is dropped first, so a build a
-- failed run left INVALID is built again.
DROP INDEX CONCURRENTLY IF EXISTS "ObjectSync_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "ObjectSync_organizationId_id_key" ON "ObjectSync"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "CampaignDataSource_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "CampaignDataSource_organizationId_id_key" ON "CampaignDataSource"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "CampaignDataSource_organizationId_objectSyncId_idx";
CREATE INDEX CONCURRENTLY "CampaignDataSource_organizationId_objectSyncId_idx" ON "CampaignDataSource"("organizationId", "objectSyncId");
DROP INDEX CONCURRENTLY IF EXISTS "SyncRun_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "SyncRun_organizationId_id_key" ON "SyncRun"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "SkippedRecord_organizationId_objectSyncId_recordId_key";
CREATE UNIQUE INDEX CONCURRENTLY "SkippedRecord_organizationId_objectSyncId_recordId_key" ON "SkippedRecord"("organizationId", "objectSyncId", "recordId");
-- Plain indexes on id alone, which a distributed table allows: the queries that still name a sync
-- (CDC leases, poll jobs queued before this) or a call (the outbox's outcomes) by id alone keep an
-- index once the primary keys start with organizationId.
DROP INDEX CONCURRENTLY IF EXISTS "ObjectSync_id_idx";
CREATE INDEX CONCURRENTLY "ObjectSync_id_idx" ON "ObjectSync"("id");
DROP INDEX CONCURRENTLY IF EXISTS "CallActivity_id_idx";
CREATE INDEX CONCURRENTLY "CallActivity_id_idx" ON "CallActivity"("id");

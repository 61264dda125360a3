-- migrate: no-transaction
-- Hand-written (decision 027): the leaf control tables are keyed by organizationId first. The new
-- keys' indexes are built here without blocking writers; the next migration swaps them in as the
-- primary keys in one short transaction. Each index is dropped first, so a build a failed run left
-- INVALID is built again.
DROP INDEX CONCURRENTLY IF EXISTS "ApiKey_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "ApiKey_organizationId_id_key" ON "ApiKey"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "ApiKey_organizationId_hash_key";
CREATE UNIQUE INDEX CONCURRENTLY "ApiKey_organizationId_hash_key" ON "ApiKey"("organizationId", "hash");
DROP INDEX CONCURRENTLY IF EXISTS "ApiKey_hash_idx";
CREATE INDEX CONCURRENTLY "ApiKey_hash_idx" ON "ApiKey"("hash");
DROP INDEX CONCURRENTLY IF EXISTS "AuditEvent_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "AuditEvent_organizationId_id_key" ON "AuditEvent"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "CallActivity_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "CallActivity_organizationId_id_key" ON "CallActivity"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "OAuthState_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "OAuthState_organizationId_id_key" ON "OAuthState"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "OAuthToken_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "OAuthToken_organizationId_id_key" ON "OAuthToken"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "SalesforceAccount_organizationId_id_key";
CREATE UNIQUE INDEX CONCURRENTLY "SalesforceAccount_organizationId_id_key" ON "SalesforceAccount"("organizationId", "id");
DROP INDEX CONCURRENTLY IF EXISTS "SalesforceAccount_organizationId_tokenId_key";
CREATE UNIQUE INDEX CONCURRENTLY "SalesforceAccount_organizationId_tokenId_key" ON "SalesforceAccount"("organizationId", "tokenId");

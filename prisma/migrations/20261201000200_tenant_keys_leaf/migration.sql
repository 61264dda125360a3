-- Hand-written (decision 027): the leaf control tables' primary keys become (organizationId, id),
-- from the indexes the previous migration built (ADD ... USING INDEX renames the index and reads no
-- rows: the columns are already NOT NULL). Unique keys without organizationId go, since a table
-- distributed on it cannot enforce them. Rows stay as they are.

-- The account's token is referenced by (organizationId, id): drop the old key's dependant first.
ALTER TABLE "SalesforceAccount" DROP CONSTRAINT "SalesforceAccount_tokenId_fkey";

ALTER TABLE "ApiKey" DROP CONSTRAINT "ApiKey_pkey",
  ADD CONSTRAINT "ApiKey_pkey" PRIMARY KEY USING INDEX "ApiKey_organizationId_id_key";
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_pkey",
  ADD CONSTRAINT "AuditEvent_pkey" PRIMARY KEY USING INDEX "AuditEvent_organizationId_id_key";
ALTER TABLE "CallActivity" DROP CONSTRAINT "CallActivity_pkey",
  ADD CONSTRAINT "CallActivity_pkey" PRIMARY KEY USING INDEX "CallActivity_organizationId_id_key";
ALTER TABLE "OAuthState" DROP CONSTRAINT "OAuthState_pkey",
  ADD CONSTRAINT "OAuthState_pkey" PRIMARY KEY USING INDEX "OAuthState_organizationId_id_key";
ALTER TABLE "OAuthToken" DROP CONSTRAINT "OAuthToken_pkey",
  ADD CONSTRAINT "OAuthToken_pkey" PRIMARY KEY USING INDEX "OAuthToken_organizationId_id_key";
ALTER TABLE "SalesforceAccount" DROP CONSTRAINT "SalesforceAccount_pkey",
  ADD CONSTRAINT "SalesforceAccount_pkey" PRIMARY KEY USING INDEX "SalesforceAccount_organizationId_id_key";

-- A bearer key's hash is unique per organization now (a SHA-256 of 32 random bytes does not
-- collide); ApiKey_hash_idx serves the lookup. The token of an account, likewise.
DROP INDEX "ApiKey_hash_key";
DROP INDEX "SalesforceAccount_tokenId_key";
-- Covered by the primary key's first column.
DROP INDEX "OAuthState_organizationId_idx";

-- One row per organization: checked at once, in this transaction.
ALTER TABLE "SalesforceAccount" ADD CONSTRAINT "SalesforceAccount_organizationId_tokenId_fkey" FOREIGN KEY ("organizationId", "tokenId") REFERENCES "OAuthToken"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "OAuthPurpose" AS ENUM ('CONNECT', 'RESET');

-- CreateEnum
CREATE TYPE "OAuthTokenStatus" AS ENUM ('ACTIVE', 'NEEDS_RECONNECT');

-- CreateEnum
CREATE TYPE "SyncObject" AS ENUM ('CONTACT', 'LEAD');

-- CreateEnum
CREATE TYPE "SyncMethod" AS ENUM ('CDC', 'REST');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ERROR');

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL,
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "purpose" "OAuthPurpose" NOT NULL,
    "loginUrl" TEXT NOT NULL,
    "codeVerifierEnc" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthToken" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "accessTokenEnc" TEXT NOT NULL,
    "refreshTokenEnc" TEXT NOT NULL,
    "instanceUrl" TEXT NOT NULL,
    "loginUrl" TEXT NOT NULL,
    "scopes" TEXT[],
    "status" "OAuthTokenStatus" NOT NULL DEFAULT 'ACTIVE',
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "refreshedAt" TIMESTAMP(3),
    "authorizedByUserId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OAuthToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SalesforceAccount" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "tokenId" UUID NOT NULL,
    "instanceUrl" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT,
    "salesforceOrgId" TEXT NOT NULL,
    "salesforceUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalesforceAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ObjectSync" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "object" "SyncObject" NOT NULL,
    "method" "SyncMethod",
    "intervalMinutes" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "status" "SyncStatus" NOT NULL DEFAULT 'ACTIVE',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "cursor" TIMESTAMP(3),
    "replayId" TEXT,
    "lastRunAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ObjectSync_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignDataSource" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "campaignId" TEXT NOT NULL,
    "objectSyncId" UUID NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignDataSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OAuthState_organizationId_idx" ON "OAuthState"("organizationId");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "OAuthToken_organizationId_provider_key" ON "OAuthToken"("organizationId", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "SalesforceAccount_organizationId_key" ON "SalesforceAccount"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "SalesforceAccount_tokenId_key" ON "SalesforceAccount"("tokenId");

-- CreateIndex
CREATE UNIQUE INDEX "ObjectSync_organizationId_object_key" ON "ObjectSync"("organizationId", "object");

-- CreateIndex
CREATE INDEX "CampaignDataSource_organizationId_campaignId_idx" ON "CampaignDataSource"("organizationId", "campaignId");

-- CreateIndex
CREATE INDEX "CampaignDataSource_objectSyncId_idx" ON "CampaignDataSource"("objectSyncId");

-- AddForeignKey
ALTER TABLE "OAuthState" ADD CONSTRAINT "OAuthState_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthToken" ADD CONSTRAINT "OAuthToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesforceAccount" ADD CONSTRAINT "SalesforceAccount_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesforceAccount" ADD CONSTRAINT "SalesforceAccount_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "OAuthToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObjectSync" ADD CONSTRAINT "ObjectSync_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignDataSource" ADD CONSTRAINT "CampaignDataSource_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignDataSource" ADD CONSTRAINT "CampaignDataSource_objectSyncId_fkey" FOREIGN KEY ("objectSyncId") REFERENCES "ObjectSync"("id") ON DELETE CASCADE ON UPDATE CASCADE;

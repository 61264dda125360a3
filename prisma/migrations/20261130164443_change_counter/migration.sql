-- CreateTable
CREATE TABLE "ChangeCounter" (
    "organizationId" UUID NOT NULL,
    "object" "SyncObject" NOT NULL,
    "last" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ChangeCounter_pkey" PRIMARY KEY ("organizationId","object")
);

-- Hand-written: each scope's counter starts at the highest seq its records already have, so every
-- change-feed cursor handed out before (a value of the old global sequence) stays valid.
INSERT INTO "ChangeCounter" ("organizationId", object, last)
SELECT "organizationId", object, max(seq) FROM "SalesforceRecord" GROUP BY "organizationId", object;

-- CreateTable
CREATE TABLE "SweepSeenId" (
    "organizationId" UUID NOT NULL,
    "sweepId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SweepSeenId_pkey" PRIMARY KEY ("organizationId","sweepId","id")
);

-- CreateIndex
CREATE INDEX "SweepSeenId_createdAt_idx" ON "SweepSeenId"("createdAt");

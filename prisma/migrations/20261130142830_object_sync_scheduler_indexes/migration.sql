-- Hand-written (Prisma's schema cannot express a partial index): see docs/decisions/018.
-- The scheduler's due query reads only switched-on, healthy REST syncs, by nextRunAt.
CREATE INDEX "ObjectSync_due_rest_idx" ON "ObjectSync" ("nextRunAt" ASC NULLS FIRST)
  WHERE "enabled" AND "status" = 'ACTIVE' AND "method" = 'REST';

-- A CDC worker renews and counts the leases it holds.
CREATE INDEX "ObjectSync_cdc_owner_idx" ON "ObjectSync" ("cdcOwner") WHERE "cdcOwner" IS NOT NULL;

-- Hand-written (Prisma's schema cannot express a partial index): see docs/decisions/018.
-- The scheduler's due query reads only switched-on, healthy REST syncs, by when they are due
-- (never run first); the expression is the query's (sync/eligible-syncs.ts), so an idle tick reads
-- no rows.
CREATE INDEX "ObjectSync_due_rest_idx" ON "ObjectSync" ((COALESCE("nextRunAt", '-infinity'::timestamp)))
  WHERE "enabled" AND "status" = 'ACTIVE' AND "method" = 'REST';


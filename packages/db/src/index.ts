export { createDb, type Db, type DbTimeouts, DEFAULT_DB_TIMEOUTS, poolOf } from './client.ts';
export { type EmbeddedDatabase, ensureDatabase, freePort, startEmbeddedPostgres } from './embedded.ts';
export * from './generated/prisma/client.ts';
export { applyMigrations, MIGRATIONS_DIR, pendingMigrations } from './migrate.ts';
export { type TenantKey, tenantKey } from './tenant-key.ts';

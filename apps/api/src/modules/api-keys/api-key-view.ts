import type { ApiKeyScope, ApiKeyView } from '@ch/contracts';
import type { ApiKey } from '@ch/db';

/** A key as the admin endpoints show it; the hash never leaves the database. */
export function toApiKeyView(row: ApiKey, createdBy: string | null): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt.toISOString(),
    createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

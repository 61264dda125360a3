/**
 * The unique where of a tenant row by its primary key, (organizationId, id) (decision 027): every
 * control table is keyed by organization first, so a lookup by id carries the organization (which
 * routes it to one partition or shard). A row read before has both fields, so it is its own key.
 */
export function tenantKey<Id>(row: { organizationId: string; id: Id }) {
  return { organizationId_id: { organizationId: row.organizationId, id: row.id } };
}

/** A tenant row by its primary key. */
export interface TenantKey<Id = string> {
  organizationId: string;
  id: Id;
}

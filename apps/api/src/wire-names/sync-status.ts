import type { SyncStatus } from '@ch/contracts';
import type { SyncStatus as DbSyncStatus } from '@ch/db';

const API_STATUS: Record<DbSyncStatus, SyncStatus> = { ACTIVE: 'active', PAUSED: 'paused', ERROR: 'error' };

/** A sync's status as the API words it (the syncs page and /api/v1 data sources alike). */
export const fromDbSyncStatus = (status: DbSyncStatus): SyncStatus => API_STATUS[status];

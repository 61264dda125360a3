import type { SyncObject } from '@ch/contracts';
import type { SyncObject as DbSyncObject } from '@ch/db';

// Each synced object has three names: the database enum, the API's word and Salesforce's API
// name. The API chose Salesforce's own names, but they are two facts: one table for each.
const API_OBJECT: Record<DbSyncObject, SyncObject> = { CONTACT: 'Contact', LEAD: 'Lead' };
const DB_OBJECT: Record<SyncObject, DbSyncObject> = { Contact: 'CONTACT', Lead: 'LEAD' };

/** The object's API name in Salesforce (SOQL's FROM, CDC channels and change events). */
export const SALESFORCE_NAME: Record<DbSyncObject, 'Contact' | 'Lead'> = { CONTACT: 'Contact', LEAD: 'Lead' };

export const toDbObject = (object: SyncObject): DbSyncObject => DB_OBJECT[object];
export const fromDbObject = (object: DbSyncObject): SyncObject => API_OBJECT[object];

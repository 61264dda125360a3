import type { CallDirection } from '@ch/contracts';
import type { CallDirection as DbDirection } from '@ch/db';

// The API's words are Salesforce's Task.CallType picklist values, kept as two tables all the same:
// the contract is ours, the picklist is Salesforce's.
const API_DIRECTION: Record<DbDirection, CallDirection> = {
  INBOUND: 'Inbound',
  OUTBOUND: 'Outbound',
  INTERNAL: 'Internal',
};
const DB_DIRECTION: Record<CallDirection, DbDirection> = {
  Inbound: 'INBOUND',
  Outbound: 'OUTBOUND',
  Internal: 'INTERNAL',
};

/** Task.CallType's picklist value for a call's direction. */
export const SALESFORCE_CALL_TYPE = {
  INBOUND: 'Inbound',
  OUTBOUND: 'Outbound',
  INTERNAL: 'Internal',
} as const satisfies Record<DbDirection, string>;

export const toDbDirection = (direction: CallDirection): DbDirection => DB_DIRECTION[direction];
export const fromDbDirection = (direction: DbDirection): CallDirection => API_DIRECTION[direction];

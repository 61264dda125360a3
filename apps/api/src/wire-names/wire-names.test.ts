import { callDirection, syncObjects, syncStatus } from '@ch/contracts';
import { CallDirection, SyncObject, SyncStatus } from '@ch/db';
import { describe, expect, it } from 'vitest';
import { fromDbDirection, SALESFORCE_CALL_TYPE, toDbDirection } from './directions.ts';
import { fromDbObject, SALESFORCE_NAME, toDbObject } from './objects.ts';
import { fromDbSyncStatus } from './sync-status.ts';

describe('wire names', () => {
  it('maps every synced object both ways, and each to its Salesforce API name', () => {
    expect(Object.values(SyncObject).map(fromDbObject)).toEqual([...syncObjects]);
    for (const object of syncObjects) expect(fromDbObject(toDbObject(object))).toBe(object);
    expect(Object.values(SyncObject).map((object) => SALESFORCE_NAME[object])).toEqual(['Contact', 'Lead']);
  });

  it('words every sync status as the contract does', () => {
    expect(Object.values(SyncStatus).map(fromDbSyncStatus)).toEqual(syncStatus.options);
  });

  it('maps every call direction both ways, and each to a Task.CallType value', () => {
    expect(Object.values(CallDirection).map(fromDbDirection)).toEqual(callDirection.options);
    for (const direction of callDirection.options)
      expect(fromDbDirection(toDbDirection(direction))).toBe(direction);
    expect(Object.values(CallDirection).map((d) => SALESFORCE_CALL_TYPE[d])).toEqual([
      'Inbound',
      'Outbound',
      'Internal',
    ]);
  });
});

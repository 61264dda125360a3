// The ChangeEventHeader record as Salesforce's change event schemas define it inline (first field
// of every <Entity>ChangeEvent schema). Pub/Sub clients decode events with it, so it must be a
// complete Avro definition rather than a reference to a type the schema never declares.
const strings = { type: 'array', items: 'string' } as const;

export const CHANGE_TYPES = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'UNDELETE',
  'GAP_CREATE',
  'GAP_UPDATE',
  'GAP_DELETE',
  'GAP_UNDELETE',
  'GAP_OVERFLOW',
  'SNAPSHOT',
] as const;

export const CHANGE_EVENT_HEADER_FIELD = {
  name: 'ChangeEventHeader',
  type: {
    type: 'record',
    name: 'ChangeEventHeader',
    namespace: 'com.sforce.eventbus',
    fields: [
      { name: 'entityName', type: 'string' },
      { name: 'recordIds', type: strings },
      {
        name: 'changeType',
        type: { type: 'enum', name: 'ChangeType', namespace: 'com.sforce.eventbus', symbols: CHANGE_TYPES },
      },
      { name: 'changeOrigin', type: 'string' },
      { name: 'transactionKey', type: 'string' },
      { name: 'sequenceNumber', type: 'int' },
      { name: 'commitTimestamp', type: 'long' },
      { name: 'commitNumber', type: 'long' },
      { name: 'commitUser', type: 'string' },
      { name: 'nulledFields', type: strings },
      { name: 'diffFields', type: strings },
      { name: 'changedFields', type: strings },
    ],
  },
  doc: 'Data:ChangeEventHeader',
};

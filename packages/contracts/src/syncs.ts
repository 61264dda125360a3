import { z } from 'zod';

/** The Salesforce objects Cloverhound Cloud can keep in sync, in the order the modal lists them. */
export const syncObjects = ['Contact', 'Lead'] as const;
export const syncObject = z.enum(syncObjects);
export type SyncObject = z.infer<typeof syncObject>;

export const syncMethod = z.enum(['CDC', 'REST']);
export type SyncMethod = z.infer<typeof syncMethod>;

export const syncInterval = z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(30)], {
  error: 'Interval must be 5, 10, 15 or 30 minutes',
});

export const syncStatus = z.enum(['active', 'paused', 'error']);
export type SyncStatus = z.infer<typeof syncStatus>;

export const syncRunView = z.object({
  kind: z.enum(['full', 'incremental', 'cdc']),
  outcome: z.enum(['running', 'succeeded', 'failed', 'deferred']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  upserted: z.number().int(),
  deleted: z.number().int(),
  apiCalls: z.number().int(),
  error: z.string().nullable(),
});
export type SyncRunView = z.infer<typeof syncRunView>;

/** A Salesforce record the local copy could not store; the rest of its page was stored. */
export const skippedRecordView = z.object({
  recordId: z.string(),
  /** In plain words; never the database's own error. */
  reason: z.string(),
  skippedAt: z.iso.datetime(),
});

export const fieldWarningView = z.object({ field: z.string(), message: z.string() });

/** A field API name as Salesforce spells them (custom ones end in __c); describe is the real judge. */
export const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'Not a Salesforce field name');

/** Most extra fields one sync may keep. */
export const maxChosenFields = 100;

/** One field of the object as the connected user's describe lists it. */
export const syncFieldView = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  custom: z.boolean(),
  /** Always kept by every sync (shown included, cannot be removed). */
  required: z.boolean(),
  selected: z.boolean(),
});
export type SyncFieldView = z.infer<typeof syncFieldView>;
export const listSyncFieldsResponse = z.object({ fields: z.array(syncFieldView) });

export const objectSyncView = z.object({
  object: syncObject,
  method: syncMethod.nullable(),
  intervalMinutes: z.number().int().nullable(),
  enabled: z.boolean(),
  status: syncStatus,
  lastError: z.string().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  /** Records held locally; null until the first sync has run. */
  recordCount: z.number().int().nullable(),
  /** Campaign data sources that read this object; removing the sync removes them. */
  dataSourceCount: z.number().int(),
  /**
   * While the first load runs: records so far of the total Salesforce counted. `preparing`: a Bulk
   * API job is still gathering them in Salesforce, and `done` is how many it has gathered.
   */
  progress: z.object({ done: z.number().int(), total: z.number().int(), preparing: z.boolean() }).nullable(),
  recentRuns: z.array(syncRunView),
  /** Records skipped and not yet stored by a later version: how many, and the newest few. */
  skipped: z.object({ count: z.number().int(), records: z.array(skippedRecordView) }),
  /** The chosen extra fields (API names); the required core is always kept besides them. */
  fields: z.array(z.string()),
  /** Chosen fields the sync dropped because Salesforce no longer lets it read them; in plain words. */
  fieldWarnings: z.array(fieldWarningView),
  updatedAt: z.iso.datetime(),
});
export type ObjectSyncView = z.infer<typeof objectSyncView>;
export const listSyncsResponse = z.object({ syncs: z.array(objectSyncView) });

export const syncObjectParams = z.strictObject({ object: syncObject });
export const createSyncRequest = z.strictObject({ object: syncObject });

/** A partial change; the server checks the merged result with `syncSettings`. */
export const updateSyncRequest = z
  .strictObject({
    method: syncMethod.nullable(),
    intervalMinutes: syncInterval.nullable(),
    enabled: z.boolean(),
    /** The chosen extra fields, replacing the previous choice; required ones may be listed and are kept anyway. */
    fields: z.array(fieldName).max(maxChosenFields, `Choose at most ${maxChosenFields} fields`),
  })
  .partial();

/** The rules a saved sync always satisfies; each refusal names its field. */
export const syncSettings = z
  .object({ method: syncMethod.nullable(), intervalMinutes: z.number().nullable(), enabled: z.boolean() })
  .superRefine((value, ctx) => {
    if (value.method === 'REST' && value.intervalMinutes === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['intervalMinutes'],
        message: 'Choose an interval for REST Polling',
      });
    }
    if (value.method !== 'REST' && value.intervalMinutes !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['intervalMinutes'],
        message: 'An interval applies to REST Polling only',
      });
    }
    if (value.enabled && value.method === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['enabled'],
        message: 'Choose a sync method before enabling the sync',
      });
    }
  });

export const testSyncResponse = z.object({
  ok: z.boolean(),
  /** One sentence: what was checked, and what to do when it failed. */
  message: z.string(),
});
export type TestSyncResponse = z.infer<typeof testSyncResponse>;

export const deleteSyncResponse = z.object({ removedDataSources: z.number().int() });

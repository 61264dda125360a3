import { z } from 'zod';
import { fieldCondition } from './data-source-conditions.ts';
import { syncMethod, syncObject, syncStatus } from './syncs.ts';
import { text } from './text.ts';

/**
 * Which synced records a data source holds: every condition given must hold (AND); none means
 * every record of the object. Kept small and explicit so each one maps to one SQL predicate.
 */
export const dataSourceFilter = z.strictObject({
  hasPhone: z.boolean().optional().describe('true: Phone or MobilePhone is not empty; false: both are empty'),
  hasEmail: z.boolean().optional().describe('true: Email is not empty; false: it is empty'),
  doNotCall: z.boolean().optional().describe('DoNotCall equals this (a record without it counts as false)'),
  country: text()
    .trim()
    .min(1)
    .max(80)
    .optional()
    .describe('MailingCountry (Contact) or Country (Lead) equals this, ignoring case'),
  conditions: z
    .array(fieldCondition)
    .max(20)
    .optional()
    .describe('Tests of any synced field (all must hold), e.g. Preferred_Language__c in [Spanish, French]'),
});
export type DataSourceFilter = z.infer<typeof dataSourceFilter>;

/** Campaign ids belong to the campaign module: stored as given, within bounds. */
export const campaignId = text()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:~-]+$/, 'Use letters, digits and . _ : ~ - only');

export const campaignParams = z.strictObject({ campaignId });
export const dataSourceParams = z.strictObject({ id: z.uuid() });

export const createDataSourceRequest = z.strictObject({
  object: syncObject,
  filter: dataSourceFilter.optional(),
});

/** `paused` while the sync is off, paused or in error: records stay readable but may be stale. */
export const dataSourceState = z.enum(['active', 'paused']);

export const dataSourceView = z.object({
  id: z.uuid(),
  campaignId: z.string(),
  object: syncObject,
  filter: dataSourceFilter,
  state: dataSourceState,
  stale: z.boolean(),
  syncStatus: syncStatus,
  lastSyncAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type DataSourceView = z.infer<typeof dataSourceView>;
export const listCampaignDataSourcesResponse = z.object({ dataSources: z.array(dataSourceView) });

/** A field the sync keeps, as describe named and typed it: what records carry and filters test. */
export const availableField = z.object({
  name: z.string().describe("Salesforce API name; the key under a record's `fields`"),
  label: z.string(),
  type: z
    .string()
    .describe("Salesforce's describe type: string, picklist, double, currency, date, datetime, boolean, ..."),
});
export type AvailableField = z.infer<typeof availableField>;

export const availableObject = z.object({
  object: syncObject,
  syncStatus: syncStatus,
  enabled: z.boolean(),
  method: syncMethod.nullable(),
  /** Live local records; 0 before the first sync. */
  recordCount: z.number().int(),
  lastSyncAt: z.iso.datetime().nullable(),
  /** The fields the sync keeps: records carry them under `fields`, conditions may test them. */
  fields: z.array(availableField),
});
export const listAvailableObjectsResponse = z.object({ objects: z.array(availableObject) });

export const sourceRecord = z.object({
  id: z.string().describe('The Salesforce id'),
  object: syncObject,
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobilePhone: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()).describe('Every synced field, by Salesforce field name'),
  systemModstamp: z.iso.datetime(),
});
export type SourceRecord = z.infer<typeof sourceRecord>;

const pageQuery = (defaultLimit: number) =>
  z.strictObject({
    cursor: text()
      .max(512)
      .optional()
      .describe('Opaque: the nextCursor of the previous page; empty or absent to start'),
    limit: z.coerce.number().int().min(1).max(1000).default(defaultLimit),
  });
export const recordsQuery = pageQuery(200);
export const changesQuery = pageQuery(500);

export const recordsPage = z.object({
  records: z.array(sourceRecord),
  /** null on the last page. */
  nextCursor: z.string().nullable(),
  /** First page only: follow /changes from here to see what changed since this read began. */
  changesCursor: z.string().nullable(),
  state: dataSourceState,
  stale: z.boolean(),
});

export const recordChange = z.object({
  type: z.enum(['added', 'updated', 'deleted']),
  id: z.string(),
  /** For `deleted`: deleted in Salesforce, or changed so that it no longer matches the filter. */
  reason: z.enum(['deleted', 'filtered_out']).nullable(),
  record: sourceRecord.nullable(),
});
export type RecordChange = z.infer<typeof recordChange>;

export const changesPage = z.object({
  changes: z.array(recordChange),
  /** Always set: call again with it later to get what changed next. */
  nextCursor: z.string(),
  hasMore: z.boolean(),
  state: dataSourceState,
  stale: z.boolean(),
});

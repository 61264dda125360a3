import { z } from 'zod';
import type { ApiKeyScope } from './api-keys.ts';
import { callActivityParams, callActivityView, createCallActivityRequest } from './call-activities.ts';
import {
  campaignParams,
  changesPage,
  changesQuery,
  createDataSourceRequest,
  dataSourceParams,
  dataSourceView,
  listAvailableObjectsResponse,
  listCampaignDataSourcesResponse,
  recordsPage,
  recordsQuery,
} from './data-sources.ts';

/**
 * One public /api/v1 operation: the API mounts its route from this and the OpenAPI document is
 * generated from it, so the two cannot drift. Paths are relative to /api/v1, Express style.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  description?: string;
  /** The API key scope it needs; null for the public document itself. */
  scope: ApiKeyScope | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success response; `schema` undefined for a body-less one (204). */
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType };
  /** Error statuses it may answer, each with the one error shape. */
  errors: readonly number[];
}

const AUTHED = [401, 403, 404] as const;

/** The OpenAPI 3.1 document of this API; described here only as far as a client relies on it. */
export const openApiDocumentResponse = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
export type OpenApiDocument = z.infer<typeof openApiDocumentResponse>;

// Order matters where paths overlap: /data-sources/available before /data-sources/:id.
export const v1Operations = {
  getOpenApiDocument: {
    method: 'get',
    path: '/openapi.json',
    summary: 'This API described as OpenAPI 3.1',
    scope: null,
    success: { status: 200, description: 'The OpenAPI document' },
    errors: [],
  },
  listAvailableObjects: {
    method: 'get',
    path: '/data-sources/available',
    summary:
      'Synced Salesforce objects a data source can read, with sync status, record count and the fields kept',
    description:
      'Each object lists the fields its sync keeps (name, label, Salesforce type), custom fields included: records carry them under `fields`, and filter conditions may test them.',
    scope: 'data-sources:read',
    success: { status: 200, description: 'The synced objects', schema: listAvailableObjectsResponse },
    errors: AUTHED,
  },
  createDataSource: {
    method: 'post',
    path: '/campaigns/:campaignId/data-sources',
    summary: 'Links a synced object, optionally filtered, to a campaign',
    description:
      'A filter may test any field the sync keeps with `conditions`: equals, in (one of), isEmpty, isNotEmpty, and range (numbers, dates, date-times). A field the sync does not keep, or a value that does not fit its type, is a 400 naming it.',
    scope: 'data-sources:write',
    params: campaignParams,
    body: createDataSourceRequest,
    success: { status: 201, description: 'The data source', schema: dataSourceView },
    errors: [400, ...AUTHED, 409],
  },
  listCampaignDataSources: {
    method: 'get',
    path: '/campaigns/:campaignId/data-sources',
    summary: "A campaign's data sources",
    scope: 'data-sources:read',
    params: campaignParams,
    success: { status: 200, description: 'The data sources', schema: listCampaignDataSourcesResponse },
    errors: [400, ...AUTHED],
  },
  getDataSource: {
    method: 'get',
    path: '/data-sources/:id',
    summary: 'One data source and its state',
    scope: 'data-sources:read',
    params: dataSourceParams,
    success: { status: 200, description: 'The data source', schema: dataSourceView },
    errors: [400, ...AUTHED],
  },
  deleteDataSource: {
    method: 'delete',
    path: '/data-sources/:id',
    summary: 'Unlinks a data source (the synced records stay)',
    scope: 'data-sources:write',
    params: dataSourceParams,
    success: { status: 204, description: 'Removed' },
    errors: [400, ...AUTHED],
  },
  listDataSourceRecords: {
    method: 'get',
    path: '/data-sources/:id/records',
    summary: 'The matching records, a page at a time in Salesforce id order',
    description:
      'Keyset-paged: a full read while the sync writes never skips or repeats a record that exists throughout.',
    scope: 'data-sources:read',
    params: dataSourceParams,
    query: recordsQuery,
    success: { status: 200, description: 'A page of records', schema: recordsPage },
    errors: [400, ...AUTHED],
  },
  listDataSourceChanges: {
    method: 'get',
    path: '/data-sources/:id/changes',
    summary: 'What was added, updated or deleted since the cursor',
    description: 'Without a cursor: from the beginning. Treat added and updated alike (upsert by id).',
    scope: 'data-sources:read',
    params: dataSourceParams,
    query: changesQuery,
    success: { status: 200, description: 'A page of changes', schema: changesPage },
    errors: [400, ...AUTHED],
  },
  createCallActivity: {
    method: 'post',
    path: '/call-activities',
    summary: 'Stores a call to be logged as a Salesforce Task (idempotent on callId)',
    description:
      'Answered once stored; the Task is created in the background. The same body again is a no-op.',
    scope: 'call-activities:write',
    body: createCallActivityRequest,
    success: { status: 202, description: 'Stored (or already stored)', schema: callActivityView },
    errors: [400, ...AUTHED, 409],
  },
  getCallActivity: {
    method: 'get',
    path: '/call-activities/:callId',
    summary: 'Whether the call has been logged in Salesforce, and as which Task',
    scope: 'call-activities:write',
    params: callActivityParams,
    success: { status: 200, description: 'The call activity', schema: callActivityView },
    errors: [400, ...AUTHED],
  },
} as const satisfies Record<string, ApiOperation>;

export type V1OperationId = keyof typeof v1Operations;

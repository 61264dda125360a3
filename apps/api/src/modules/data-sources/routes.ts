import type { V1OperationId } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { deleteDataSource } from './delete-data-source.ts';
import { getAvailableObjects } from './get-available-objects.ts';
import { getCampaignDataSources } from './get-campaign-data-sources.ts';
import { getDataSource } from './get-data-source.ts';
import { getDataSourceChanges } from './get-data-source-changes.ts';
import { getDataSourceRecords } from './get-data-source-records.ts';
import { postDataSource } from './post-data-source.ts';

/** The data-source endpoints by /api/v1 operation (paths and scopes live in the contracts). */
export const dataSourceHandlers = {
  listAvailableObjects: getAvailableObjects,
  createDataSource: postDataSource,
  listCampaignDataSources: getCampaignDataSources,
  getDataSource,
  deleteDataSource,
  listDataSourceRecords: getDataSourceRecords,
  listDataSourceChanges: getDataSourceChanges,
} satisfies Partial<Record<V1OperationId, (deps: Deps) => RequestHandler>>;

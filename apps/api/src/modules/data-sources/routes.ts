import type { V1OperationId } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { createDataSource } from './create-data-source.ts';
import { deleteDataSource } from './delete-data-source.ts';
import { getDataSource } from './get-data-source.ts';
import { listAvailableObjects } from './list-available-objects.ts';
import { listCampaignDataSources } from './list-campaign-data-sources.ts';
import { listDataSourceChanges } from './list-data-source-changes.ts';
import { listDataSourceRecords } from './list-data-source-records.ts';

/** The data-source endpoints by /api/v1 operation (paths and scopes live in the contracts). */
export const dataSourceHandlers = {
  listAvailableObjects,
  createDataSource,
  listCampaignDataSources,
  getDataSource,
  deleteDataSource,
  listDataSourceRecords,
  listDataSourceChanges,
} satisfies Partial<Record<V1OperationId, (deps: Deps) => RequestHandler>>;

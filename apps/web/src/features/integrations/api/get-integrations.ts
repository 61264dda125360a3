import { integrationsResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

/** Root of every integrations key, so connect/disconnect can invalidate the whole feature. */
export const integrationsKeys = {
  all: ['integrations'] as const,
  list: () => [...integrationsKeys.all, 'list'] as const,
};

export const getIntegrations = (signal?: AbortSignal) =>
  apiRequest('/api/integrations', { schema: integrationsResponse, signal });

export const integrationsQueryOptions = () =>
  queryOptions({ queryKey: integrationsKeys.list(), queryFn: ({ signal }) => getIntegrations(signal) });

export const useIntegrations = () => useQuery(integrationsQueryOptions());

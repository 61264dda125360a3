import { listIntegrationsResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const listIntegrations = (signal?: AbortSignal) =>
  apiRequest('/api/integrations', { schema: listIntegrationsResponse, signal });

export const integrationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.integrations.list(),
    queryFn: ({ signal }) => listIntegrations(signal),
  });

export const useIntegrations = () => useQuery(integrationsQueryOptions());

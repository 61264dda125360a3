import { listOrganizationsResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const listOrganizations = (signal?: AbortSignal) =>
  apiRequest('/api/support/organizations', { schema: listOrganizationsResponse, signal });

export const organizationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.support.organizations(),
    queryFn: ({ signal }) => listOrganizations(signal),
  });

export const useOrganizations = () => useQuery(organizationsQueryOptions());

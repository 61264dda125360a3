import { supportOrganizationsResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const getSupportOrganizations = (signal?: AbortSignal) =>
  apiRequest('/api/support/organizations', { schema: supportOrganizationsResponse, signal });

export const supportOrganizationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.support.organizations(),
    queryFn: ({ signal }) => getSupportOrganizations(signal),
  });

export const useSupportOrganizations = () => useQuery(supportOrganizationsQueryOptions());

import { listAuditEventsResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const listAuditEvents = (signal?: AbortSignal) =>
  apiRequest('/api/support/audit-events', { schema: listAuditEventsResponse, signal });

export const auditEventsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.support.auditEvents(),
    queryFn: ({ signal }) => listAuditEvents(signal),
  });

export const useAuditEvents = () => useQuery(auditEventsQueryOptions());

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { invalidateSalesforceConnection } from './invalidate-connection.ts';

/** 204: the token, the account record and the setting are gone; the revoke at Salesforce follows. */
export const disconnectSalesforce = () =>
  apiRequest('/api/integrations/salesforce/disconnect', { method: 'POST' });

export function useDisconnectSalesforce() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disconnectSalesforce,
    // Also on failure: the server may have committed before the answer was lost.
    onSettled: () => invalidateSalesforceConnection(queryClient),
  });
}

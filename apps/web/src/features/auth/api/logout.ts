import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const logout = () => apiRequest('/api/auth/logout', { method: 'POST' });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      // Nothing cached for one user may be shown to the next one on this browser.
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

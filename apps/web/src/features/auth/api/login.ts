import type { LoginRequest } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { meQueryOptions } from './get-me.ts';

/** Sets the session cookie (204); the user's details come from a fresh GET /api/auth/me. */
export const login = (body: LoginRequest) => apiRequest('/api/auth/login', { method: 'POST', body });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // Load the new session's user before resolving, so the Admin module never renders with a
    // stale "logged out" answer and bounces back to the login page.
    onSuccess: () => queryClient.fetchQuery({ ...meQueryOptions(), staleTime: 0 }),
  });
}

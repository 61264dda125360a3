import { type FeatureKey, type SupportOrganization, setFeatureFlagResponse } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export interface SetFeatureFlagInput {
  orgId: string;
  key: FeatureKey;
  enabled: boolean;
}

export const setFeatureFlag = ({ orgId, key, enabled }: SetFeatureFlagInput) =>
  apiRequest(
    `/api/support/organizations/${encodeURIComponent(orgId)}/feature-flags/${encodeURIComponent(key)}`,
    { method: 'PUT', body: { enabled }, schema: setFeatureFlagResponse },
  );

type Organizations = { organizations: SupportOrganization[] };

const withFlag = (data: Organizations, { orgId, key, enabled }: SetFeatureFlagInput): Organizations => ({
  organizations: data.organizations.map((org) =>
    org.id !== orgId
      ? org
      : { ...org, featureFlags: [...org.featureFlags.filter((f) => f.key !== key), { key, enabled }] },
  ),
});

/**
 * Flips the switch at once, rolls back if the API refuses, and always refetches afterwards so
 * the table and the audit log show what the server actually stored.
 */
export function useSetFeatureFlag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setFeatureFlag,
    onMutate: async (input) => {
      // A refetch landing after the optimistic write would briefly flip the switch back.
      await queryClient.cancelQueries({ queryKey: queryKeys.support.organizations() });
      queryClient.setQueryData<Organizations>(queryKeys.support.organizations(), (data) =>
        data ? withFlag(data, input) : data,
      );
    },
    onError: (_error, input) => {
      // Undo only this flag (not a whole snapshot), so a concurrent toggle of another switch survives.
      queryClient.setQueryData<Organizations>(queryKeys.support.organizations(), (data) =>
        data ? withFlag(data, { ...input, enabled: !input.enabled }) : data,
      );
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.support.all }),
        // Support staff may be changing their own organization's features.
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
  });
}

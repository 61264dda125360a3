/** Hierarchical keys: invalidating `all` refreshes everything on the Support page. */
export const supportKeys = {
  all: ['support'] as const,
  organizations: () => [...supportKeys.all, 'organizations'] as const,
  auditEvents: () => [...supportKeys.all, 'audit-events'] as const,
};

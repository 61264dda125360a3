/** Hierarchical keys: creating or revoking a key invalidates `all`. */
export const apiKeysKeys = {
  all: ['api-keys'] as const,
  list: () => [...apiKeysKeys.all, 'list'] as const,
};

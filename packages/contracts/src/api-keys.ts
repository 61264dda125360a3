import { z } from 'zod';
import { text } from './text.ts';

/** What a service client's key may do on /api/v1; each endpoint names the one scope it needs. */
export const apiKeyScopes = ['data-sources:read', 'data-sources:write', 'call-activities:write'] as const;
export const apiKeyScope = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScope>;

export const createApiKeyRequest = z.strictObject({
  name: text().trim().min(1, 'Name the key').max(100, 'Use at most 100 characters'),
  scopes: z
    .array(apiKeyScope)
    .min(1, 'Choose at least one scope')
    .max(apiKeyScopes.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'Each scope once'),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequest>;

/** A key as listed: never the secret, only its first characters. */
export const apiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** e.g. `chk_live_ab12cd34`: enough to recognise the key, useless to call with. */
  prefix: z.string(),
  scopes: z.array(apiKeyScope),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const listApiKeysResponse = z.object({ apiKeys: z.array(apiKeyView) });

/** The only response that ever carries the key itself: it cannot be shown again. */
export const createApiKeyResponse = z.object({ apiKey: apiKeyView, key: z.string() });

export const apiKeyIdParams = z.strictObject({ id: z.uuid() });

import { z } from 'zod';

/** Feature flags support can turn on per organization; each is off for a new organization. */
export const featureKeys = ['integrations'] as const;
export const featureKey = z.enum(featureKeys);
export type FeatureKey = z.infer<typeof featureKey>;

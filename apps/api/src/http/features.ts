import { type FeatureKey, featureKeys } from '@ch/contracts';
import type { Db } from '@ch/db';
import type { RequestHandler } from 'express';
import { AppError } from './app-error.ts';

/** The organization's enabled features, read on each request by both the session and the API key. */
export async function enabledFeatures(db: Db, organizationId: string): Promise<FeatureKey[]> {
  const rows = await db.featureFlag.findMany({
    where: { organizationId, enabled: true },
    select: { key: true },
  });
  return knownFeatures(rows.map((row) => row.key));
}

/** The known feature keys among `keys` (flags may name retired features), in featureKeys' order. */
export function knownFeatures(keys: readonly string[]): FeatureKey[] {
  const on = new Set(keys);
  return featureKeys.filter((key) => on.has(key));
}

/**
 * A disabled feature does not exist for the organization: 404, not 403, so it is not revealed.
 * One guard for both callers: mount it after the session's `requireUser` or after `authenticateApiKey`.
 */
export function requireFeature(key: FeatureKey): RequestHandler {
  return (req, _res, next) => {
    const features = req.principal?.features ?? req.apiClient?.features;
    if (!features) throw new AppError('unauthenticated', 'Log in to continue.');
    if (!features.includes(key)) throw new AppError('not_found', 'No such endpoint.');
    next();
  };
}

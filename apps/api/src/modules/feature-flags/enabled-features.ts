import { type FeatureKey, featureKeys } from '@ch/contracts';
import type { Db } from '@ch/db';

export async function enabledFeatures(db: Db, organizationId: string): Promise<FeatureKey[]> {
  const rows = await db.featureFlag.findMany({
    where: { organizationId, enabled: true },
    select: { key: true },
  });
  const on = new Set(rows.map((row) => row.key));
  return featureKeys.filter((key) => on.has(key));
}

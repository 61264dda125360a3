import { recordAudit } from '../audit/record-audit.ts';
import type { Deps } from '../deps.ts';

/** Salesforce refused the refresh token: show the reconnect state and pause the syncs. */
export async function markNeedsReconnect(
  { db }: Deps,
  organizationId: string,
  tokenId: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const changed = await tx.oAuthToken.updateMany({
      where: { id: tokenId, organizationId, status: 'ACTIVE' },
      data: { status: 'NEEDS_RECONNECT' },
    });
    if (changed.count === 0) return;
    await tx.objectSync.updateMany({
      where: { organizationId, status: { not: 'PAUSED' } },
      data: { status: 'PAUSED' },
    });
    await recordAudit(tx, {
      organizationId,
      actorUserId: null,
      action: 'salesforce.reconnect_needed',
      details: {},
    });
  });
}

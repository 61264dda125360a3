import type { Prisma } from '@ch/db';

type Tx = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** Written inside the transaction of the change it describes, so neither exists without the other. */
export async function recordAudit(
  tx: Tx,
  event: {
    organizationId: string;
    actorUserId: string | null;
    action: string;
    details: Prisma.InputJsonObject;
  },
): Promise<void> {
  await tx.auditEvent.create({ data: event });
}

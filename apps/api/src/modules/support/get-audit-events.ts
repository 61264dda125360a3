import type { AuditEvent } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';

/** GET /api/support/audit-events: the latest changes across organizations, newest first. */
export function getAuditEvents({ db }: Deps): RequestHandler {
  return async (_req, res) => {
    const rows = await db.auditEvent.findMany({
      orderBy: { id: 'desc' },
      take: 50,
      include: { organization: { select: { name: true } } },
    });
    const actorIds = [...new Set(rows.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])))];
    const actors = await db.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, email: true },
    });
    const emailById = new Map(actors.map((actor) => [actor.id, actor.email]));
    const events: AuditEvent[] = rows.map((row) => ({
      id: row.id.toString(),
      organizationId: row.organizationId,
      organizationName: row.organization.name,
      actorEmail: row.actorUserId ? (emailById.get(row.actorUserId) ?? null) : null,
      action: row.action,
      details: row.details as Record<string, unknown>,
      createdAt: row.createdAt.toISOString(),
    }));
    res.json({ events });
  };
}

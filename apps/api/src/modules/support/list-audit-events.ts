import type { AuditEvent } from '@ch/contracts';
import { listAuditEventsResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { send } from '../../http/send.ts';

/** GET /api/support/audit-events: the latest changes across organizations, newest first. */
export function listAuditEvents({ db }: Deps): RequestHandler {
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
    // Changes made through /api/v1 have no user: the key that made them is in the details.
    const keyIds = [...new Set(rows.flatMap((row) => apiKeyIdOf(row.details)))];
    const keys = await db.apiKey.findMany({
      where: { id: { in: keyIds } },
      select: { id: true, name: true, organizationId: true },
    });
    // A key names the actor only in its own organization's events.
    const keyById = new Map(keys.map((key) => [key.id, key]));
    const keyName = (row: { organizationId: string; details: unknown }) => {
      const key = apiKeyIdOf(row.details).map((id) => keyById.get(id))[0];
      return key && key.organizationId === row.organizationId ? key.name : null;
    };
    const events: AuditEvent[] = rows.map((row) => ({
      id: row.id.toString(),
      organizationId: row.organizationId,
      organizationName: row.organization.name,
      actorEmail: row.actorUserId ? (emailById.get(row.actorUserId) ?? null) : null,
      actorApiKey: keyName(row),
      action: row.action,
      details: row.details as Record<string, unknown>,
      createdAt: row.createdAt.toISOString(),
    }));
    send(res, listAuditEventsResponse, { events });
  };
}

function apiKeyIdOf(details: unknown): string[] {
  const id = (details as { apiKeyId?: unknown } | null)?.apiKeyId;
  return typeof id === 'string' ? [id] : [];
}

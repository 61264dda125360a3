import { callActivityView, createCallActivityRequest } from '@ch/contracts';
import { Prisma } from '@ch/db';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { AppError } from '../../http/app-error.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { toDbDirection } from '../../wire-names/directions.ts';
import { samePayload, toCallActivityView } from './call-activity-view.ts';

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * POST /api/v1/call-activities: stores the call (the outbox) and answers 202; the write-back
 * worker creates the Task. Idempotent on callId per organization, also under concurrent retries
 * (the unique index decides which insert wins; the loser reads the winner's row).
 */
export function createCallActivity({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const body = parse(createCallActivityRequest, req.body);
    const { organizationId } = apiClientOf(req);
    const where = { organizationId_callId: { organizationId, callId: body.callId } };
    let row = await db.callActivity.findUnique({ where });
    if (!row) {
      try {
        row = await db.callActivity.create({
          data: {
            organizationId,
            callId: body.callId,
            recordId: body.recordId,
            direction: toDbDirection(body.direction),
            startedAt: new Date(body.startedAt),
            durationSeconds: body.durationSeconds,
            disposition: body.disposition,
            notes: body.notes ?? null,
          },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        row = await db.callActivity.findUniqueOrThrow({ where });
      }
    }
    if (!samePayload(row, body)) {
      throw new AppError('conflict', `Call ${body.callId} was already stored with different details.`, [
        { path: 'callId', message: 'already used for a different call' },
      ]);
    }
    send(res, callActivityView, toCallActivityView(row), 202);
  };
}

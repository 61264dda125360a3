import type { V1OperationId } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { getCallActivity } from './get-call-activity.ts';
import { postCallActivity } from './post-call-activity.ts';

/** The call-activity endpoints by /api/v1 operation (paths and scopes live in the contracts). */
export const callActivityHandlers = {
  createCallActivity: postCallActivity,
  getCallActivity,
} satisfies Partial<Record<V1OperationId, (deps: Deps) => RequestHandler>>;

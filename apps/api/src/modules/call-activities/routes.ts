import type { V1OperationId } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { createCallActivity } from './create-call-activity.ts';
import { getCallActivity } from './get-call-activity.ts';

/** The call-activity endpoints by /api/v1 operation (paths and scopes live in the contracts). */
export const callActivityHandlers = {
  createCallActivity,
  getCallActivity,
} satisfies Partial<Record<V1OperationId, (deps: Deps) => RequestHandler>>;

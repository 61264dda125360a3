import { z } from 'zod';
import { isoDateTime, text } from './text.ts';

export const callDirection = z.enum(['Inbound', 'Outbound', 'Internal']);
export type CallDirection = z.infer<typeof callDirection>;

/** The telephony system's call id: Task.CallObject (255), and part of a URL, hence the alphabet. */
export const callId = text()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._:@~+-]+$/, 'Use letters, digits and . _ : @ ~ + - only');

// A day of slack covers clock skew and time zones; later than that is a wrong date, not a call.
const DAY_MS = 86_400_000;

export const createCallActivityRequest = z.strictObject({
  callId,
  recordId: text().regex(
    /^(003|00Q)[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/,
    'A Salesforce Contact (003…) or Lead (00Q…) id',
  ),
  direction: callDirection,
  startedAt: isoDateTime().refine(
    (value) => Date.parse(value) <= Date.now() + DAY_MS,
    'A call cannot start more than a day from now',
  ),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400),
  disposition: text().trim().min(1).max(255).describe('The call result (Task.CallDisposition)'),
  notes: text().max(32_000).optional().describe('Task.Description'),
});
export type CreateCallActivityRequest = z.infer<typeof createCallActivityRequest>;

export const callActivityParams = z.strictObject({ callId });

export const callActivityView = z.object({
  callId: z.string(),
  recordId: z.string(),
  direction: callDirection,
  /** Null only for a value stored before today's validation that is no representable instant. */
  startedAt: z.iso.datetime().nullable(),
  durationSeconds: z.number().int(),
  disposition: z.string(),
  notes: z.string().nullable(),
  /** pending: stored, the Task is not confirmed yet; sent: `taskId` is the Task; failed: see `error`. */
  state: z.enum(['pending', 'sent', 'failed']),
  taskId: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.iso.datetime().nullable(),
  sentAt: z.iso.datetime().nullable(),
});
export type CallActivityView = z.infer<typeof callActivityView>;

import { z } from 'zod';

/** /healthz and /readyz, for the load balancer and the operator; `pending` names unapplied migrations. */
export const healthResponse = z.object({
  status: z.enum(['ok', 'ready', 'migrations_pending', 'database_unreachable']),
  pending: z.array(z.string()).optional(),
});

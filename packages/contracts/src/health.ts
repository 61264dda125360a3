import { z } from 'zod';

/**
 * /healthz and /readyz, for the load balancer and the operator; `pending` names unapplied migrations.
 * `starting`: the process is up but still booting (migrating, most often), not yet serving.
 */
export const healthResponse = z.object({
  status: z.enum(['ok', 'ready', 'starting', 'migrations_pending', 'database_unreachable']),
  pending: z.array(z.string()).optional(),
});

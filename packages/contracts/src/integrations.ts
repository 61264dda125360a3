import { z } from 'zod';

/** The Salesforce card's state; later issues add the connected details. */
export const salesforceCard = z.object({
  provider: z.literal('salesforce'),
  name: z.literal('Salesforce'),
  description: z.string(),
  status: z.enum(['not_connected']),
});
export const integrationsResponse = z.object({ integrations: z.array(salesforceCard) });
export type IntegrationsResponse = z.infer<typeof integrationsResponse>;

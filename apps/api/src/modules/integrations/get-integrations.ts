import type { IntegrationsResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';

/** GET /api/integrations: the cards the Integrations page renders. */
export const getIntegrations: RequestHandler = (_req, res) => {
  const body: IntegrationsResponse = {
    integrations: [
      {
        provider: 'salesforce',
        name: 'Salesforce',
        description:
          'Connects Cloverhound Cloud to your Salesforce org so that campaigns can import contacts and leads as data sources, and so that call activity can be synchronized back to Salesforce.',
        status: 'not_connected',
      },
    ],
  };
  res.json(body);
};

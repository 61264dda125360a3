import { listIntegrationsResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { SALESFORCE_PROVIDER } from '../../wire-names/provider.ts';
import { defaultLoginHost, loginHostOptions } from '../salesforce-connection/login-hosts.ts';

const SALESFORCE_DESCRIPTION =
  'Connects Cloverhound Cloud to your Salesforce org so that campaigns can import contacts and leads as data sources, and so that call activity can be synchronized back to Salesforce.';

/** GET /api/integrations: the cards the Integrations page renders, with each one's state. */
export function listIntegrations(deps: Deps): RequestHandler {
  return async (req, res) => {
    const { organizationId } = principalOf(req);
    const account = await deps.db.salesforceAccount.findUnique({
      where: { organizationId },
      include: { token: { select: { status: true } } },
    });
    const status = !account
      ? 'not_connected'
      : account.token.status === 'ACTIVE'
        ? 'connected'
        : 'needs_reconnect';
    send(res, listIntegrationsResponse, {
      integrations: [
        {
          provider: SALESFORCE_PROVIDER,
          name: 'Salesforce',
          description: SALESFORCE_DESCRIPTION,
          status,
          connection: account ? { instanceUrl: account.instanceUrl, username: account.username } : null,
          loginHosts: loginHostOptions(deps.salesforceApp),
          defaultLoginHost: defaultLoginHost(deps.salesforceApp),
        },
      ],
    });
  };
}

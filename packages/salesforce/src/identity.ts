import { Connection } from 'jsforce';
import { toSalesforceError } from './map-error.ts';
import type { Identity } from './types.ts';

/** The identity service (/id/...) and OpenID userinfo name the same facts differently. */
export interface IdentityBody {
  username?: string;
  preferred_username?: string;
  display_name?: string;
  name?: string;
  email?: string;
  organization_id: string;
  user_id: string;
}

export function toIdentity(body: IdentityBody): Identity {
  return {
    username: body.username ?? body.preferred_username ?? '',
    displayName: body.display_name ?? body.name ?? '',
    email: body.email ?? '',
    organizationId: body.organization_id,
    userId: body.user_id,
  };
}

export interface GetIdentityOptions {
  identityUrl: string;
  accessToken: string;
}

/**
 * GET the identity URL with the token in the Authorization header only (jsforce's own
 * identity() also puts it in the query string, where proxies and logs would see it).
 */
export async function getIdentity(options: GetIdentityOptions): Promise<Identity> {
  const conn = new Connection({
    instanceUrl: new URL(options.identityUrl).origin,
    accessToken: options.accessToken,
  });
  try {
    const body = await conn.request<IdentityBody>({ method: 'GET', url: options.identityUrl });
    return toIdentity(body);
  } catch (err) {
    throw toSalesforceError(err, { secrets: [options.accessToken] });
  }
}

import type { SyncObject } from '@ch/contracts';
import type { OAuthPurpose } from '@ch/db';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { SALESFORCE_PROVIDER } from '../../wire-names/provider.ts';
import { adoptSalesforceOrg } from './org-switch.ts';

export const TOKEN_SETTING_KEY = 'salesforce.oauth_token_id';

export interface GrantedConnection {
  organizationId: string;
  userId: string;
  purpose: OAuthPurpose;
  loginUrl: string;
  tokens: { accessToken: string; refreshToken: string; instanceUrl: string; issuedAt: Date; scope: string };
  identity: { organizationId: string; userId: string; username: string; displayName: string | null };
}

/**
 * Stores a granted connection in ONE transaction: the encrypted token, the Salesforce account, the
 * `salesforce.oauth_token_id` setting, the resumed syncs, and (for another org than the local
 * copy's) the replaced copy (org-switch.ts). Refuses (changing nothing) when a
 * connection to another Salesforce org exists: its synced records would mix with the new org's.
 */
export async function saveConnection(
  { db, secretBox }: Deps,
  grant: GrantedConnection,
): Promise<{
  outcome: 'connected' | 'reset' | 'different_org' | 'org_switched';
  replaced?: { refreshToken: string; loginUrl: string };
  /** After `org_switched`: the synced objects being loaded again from the new org. */
  reloaded?: SyncObject[];
}> {
  const { organizationId, tokens, identity } = grant;
  return db.$transaction(async (tx) => {
    // Lock the organization's row: two callbacks finishing at once apply one after the other.
    await tx.$executeRaw`SELECT 1 FROM "Organization" WHERE id = ${organizationId}::uuid FOR UPDATE`;
    const existing = await tx.salesforceAccount.findUnique({ where: { organizationId } });
    if (existing && existing.salesforceOrgId !== identity.organizationId) return { outcome: 'different_org' };
    const previous = await tx.oAuthToken.findUnique({
      where: { organizationId_provider: { organizationId, provider: SALESFORCE_PROVIDER } },
      select: { refreshTokenEnc: true, loginUrl: true },
    });
    const tokenData = {
      accessTokenEnc: secretBox.seal(tokens.accessToken),
      refreshTokenEnc: secretBox.seal(tokens.refreshToken),
      instanceUrl: tokens.instanceUrl,
      loginUrl: grant.loginUrl,
      scopes: tokens.scope.split(' ').filter(Boolean),
      status: 'ACTIVE' as const,
      issuedAt: tokens.issuedAt,
      refreshedAt: null,
      authorizedByUserId: grant.userId,
    };
    const token = await tx.oAuthToken.upsert({
      where: { organizationId_provider: { organizationId, provider: SALESFORCE_PROVIDER } },
      create: { organizationId, provider: SALESFORCE_PROVIDER, ...tokenData },
      update: tokenData,
    });
    const account = {
      tokenId: token.id,
      instanceUrl: tokens.instanceUrl,
      username: identity.username,
      displayName: identity.displayName,
      salesforceOrgId: identity.organizationId,
      salesforceUserId: identity.userId,
    };
    await tx.salesforceAccount.upsert({
      where: { organizationId },
      create: { organizationId, ...account },
      update: account,
    });
    await tx.appSetting.upsert({
      where: { organizationId_key: { organizationId, key: TOKEN_SETTING_KEY } },
      create: { organizationId, key: TOKEN_SETTING_KEY, value: token.id },
      update: { value: token.id },
    });
    // Another org than the local copy's (after Disconnect): the copy is replaced, not mixed.
    const switched = await adoptSalesforceOrg(tx, {
      organizationId,
      salesforceOrgId: identity.organizationId,
      actorUserId: grant.userId,
    });
    await tx.objectSync.updateMany({
      where: { organizationId, status: 'PAUSED' },
      data: { status: 'ACTIVE', consecutiveFailures: 0 },
    });
    const outcome = existing ? 'reset' : switched ? 'org_switched' : 'connected';
    await recordAudit(tx, {
      organizationId,
      actorUserId: grant.userId,
      action: outcome === 'reset' ? 'salesforce.token_reset' : 'salesforce.connected',
      details: { instanceUrl: tokens.instanceUrl, username: identity.username, purpose: grant.purpose },
    });
    // The replaced token is revoked after the commit, so it stops counting as one of five approvals.
    const replaced = previous
      ? { refreshToken: secretBox.open(previous.refreshTokenEnc), loginUrl: previous.loginUrl }
      : undefined;
    return {
      outcome,
      ...(replaced ? { replaced } : {}),
      ...(switched ? { reloaded: switched.reloaded } : {}),
    };
  });
}

/**
 * Disconnect in ONE transaction: delete the token and the account record, clear the setting, pause
 * every sync (their settings stay). Returns what is needed to revoke the token after the commit.
 */
export async function removeConnection(
  { db, secretBox }: Deps,
  organizationId: string,
  actorUserId: string,
): Promise<{ refreshToken: string; loginUrl: string } | null> {
  return db.$transaction(async (tx) => {
    const token = await tx.oAuthToken.findUnique({
      where: { organizationId_provider: { organizationId, provider: SALESFORCE_PROVIDER } },
    });
    await tx.salesforceAccount.deleteMany({ where: { organizationId } });
    await tx.appSetting.deleteMany({ where: { organizationId, key: TOKEN_SETTING_KEY } });
    await tx.objectSync.updateMany({
      where: { organizationId, status: { not: 'PAUSED' } },
      data: { status: 'PAUSED' },
    });
    if (!token) return null;
    await tx.oAuthToken.delete({ where: { organizationId_id: { organizationId, id: token.id } } });
    await recordAudit(tx, {
      organizationId,
      actorUserId,
      action: 'salesforce.disconnected',
      details: { instanceUrl: token.instanceUrl },
    });
    return { refreshToken: secretBox.open(token.refreshTokenEnc), loginUrl: token.loginUrl };
  });
}

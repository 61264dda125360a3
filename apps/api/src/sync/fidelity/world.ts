import type { SyncObject } from '@ch/db';
import { buildAuthorizeUrl, createPkcePair, exchangeCode, getIdentity } from '@ch/salesforce';
import { type EmulatorControl, type RunningEmulator, startEmulator } from '@ch/salesforce-emulator';
import { signInAtSalesforce } from '../../../test/salesforce-sign-in.ts';
import type { Deps } from '../../deps.ts';
import { saveConnection } from '../../modules/salesforce-connection/connection-store.ts';

/** One seed's world: its own emulator (so every seed starts from the same records) and organization. */
export interface World {
  deps: Deps;
  emulator: RunningEmulator;
  control: EmulatorControl;
  organizationId: string;
  syncs: Record<SyncObject, string>;
  close(): Promise<void>;
}

/**
 * A fresh emulator and a fresh organization connected to its Acme org through the real OAuth flow,
 * with Contact on REST polling and Lead on CDC. Organizations of earlier seeds stay in the database
 * (every query is scoped by organization), their syncs switched off so no worker picks them up.
 */
export async function startWorld(deps: Deps, name: string): Promise<World> {
  const emulator = await startEmulator({ port: 0, callbackUrls: [deps.env.salesforceCallbackUrl] });
  const { db } = deps;
  const org = await db.organization.create({ data: { name } });
  const user = await db.user.create({
    data: {
      organizationId: org.id,
      email: `${org.id}@fidelity.test`,
      name,
      role: 'ADMIN',
      passwordHash: 'unused',
    },
  });
  await connect(deps, emulator.url, org.id, user.id);
  const contact = await db.objectSync.create({
    data: { organizationId: org.id, object: 'CONTACT', method: 'REST', intervalMinutes: 5, enabled: true },
  });
  const lead = await db.objectSync.create({
    data: { organizationId: org.id, object: 'LEAD', method: 'CDC', enabled: true },
  });
  return {
    deps,
    emulator,
    control: emulator.control,
    organizationId: org.id,
    syncs: { CONTACT: contact.id, LEAD: lead.id },
    async close() {
      await db.objectSync.updateMany({ where: { organizationId: org.id }, data: { enabled: false } });
      await emulator.close();
    },
  };
}

async function connect(deps: Deps, loginUrl: string, organizationId: string, userId: string) {
  const app = deps.salesforceApp;
  const pkce = createPkcePair();
  const authorizeUrl = buildAuthorizeUrl({
    loginUrl,
    clientId: app.clientId,
    redirectUri: app.callbackUrl,
    state: organizationId,
    codeChallenge: pkce.codeChallenge,
  });
  const callback = await signInAtSalesforce(authorizeUrl, { username: 'integration.user@acme.example' });
  const tokens = await exchangeCode({
    loginUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.callbackUrl,
    code: callback.searchParams.get('code')!,
    codeVerifier: pkce.codeVerifier,
  });
  const identity = await getIdentity({ identityUrl: tokens.identityUrl, accessToken: tokens.accessToken });
  await saveConnection(deps, {
    organizationId,
    userId,
    purpose: 'CONNECT',
    loginUrl,
    tokens: { ...tokens, refreshToken: tokens.refreshToken!, scope: tokens.scope.join(' ') },
    identity: { ...identity, displayName: identity.displayName || null },
  });
}

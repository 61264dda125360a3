import path from 'node:path';
import type { PubSubEndpoint } from '@ch/salesforce';
import type { Logger } from 'pino';
import type { Env } from './env.ts';

/** The connected app this deployment signs in through, and where sign-in may happen. */
export interface SalesforceApp {
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  /** Set when the local emulator stands in for Salesforce (no connected app configured). */
  emulatorUrl?: string;
  /** The emulator's Pub/Sub API (with its certificate) when it stands in; else SALESFORCE_PUBSUB_ENDPOINT. */
  pubsub?: PubSubEndpoint;
}

/**
 * The connected app from the environment, or, when none is configured (a local run), the
 * Salesforce emulator started beside the API so the whole product can be clicked through (or the
 * one at SALESFORCE_EMULATOR_URL, already running for several processes).
 */
export async function setUpSalesforce(
  env: Env,
  logger: Logger,
): Promise<{ app: SalesforceApp; close(): Promise<void> }> {
  if (env.SALESFORCE_CLIENT_ID && env.SALESFORCE_CLIENT_SECRET) {
    return {
      app: {
        clientId: env.SALESFORCE_CLIENT_ID,
        clientSecret: env.SALESFORCE_CLIENT_SECRET,
        callbackUrl: env.salesforceCallbackUrl,
      },
      close: async () => {},
    };
  }
  // env.ts already refuses production without a connected app; this holds even for an Env built
  // another way, because an emulator answering sign-ins in production would accept anyone.
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'production needs a Salesforce connected app (SALESFORCE_CLIENT_ID and _SECRET), never the emulator',
    );
  }
  // Imported only here: production never loads the emulator.
  const { startEmulator, DEFAULT_APP } = await import('@ch/salesforce-emulator');
  const emulatorApp = (emulatorUrl: string) => ({
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    callbackUrl: env.salesforceCallbackUrl,
    emulatorUrl,
  });
  if (env.SALESFORCE_EMULATOR_URL) {
    // Several processes (pnpm start:cluster) share the one emulator their launcher started: each
    // starting its own would give each its own orgs and tokens.
    logger.info({ url: env.SALESFORCE_EMULATOR_URL }, 'using the running salesforce emulator');
    return { app: emulatorApp(env.SALESFORCE_EMULATOR_URL.replace(/\/$/, '')), close: async () => {} };
  }
  const emulator = await startEmulator({
    port: env.SALESFORCE_EMULATOR_PORT,
    ...(env.SALESFORCE_EMULATOR_PUBSUB_PORT !== undefined
      ? { pubsubPort: env.SALESFORCE_EMULATOR_PUBSUB_PORT }
      : {}),
    callbackUrls: [env.salesforceCallbackUrl],
    ...(env.SALESFORCE_EMULATOR_CONTROL_KEY ? { controlKey: env.SALESFORCE_EMULATOR_CONTROL_KEY } : {}),
    // Its orgs, tokens and change events live beside the product's data, so a restarted run
    // finds the connection it left (docs/decisions/017-restart-and-timeouts.md).
    persist: {
      dir: path.join(env.dataDir, 'salesforce-emulator'),
      log: (level, message) => logger[level](message),
    },
  });
  logger.info({ url: emulator.url, pubsub: emulator.pubsub.endpoint }, 'salesforce emulator started');
  return {
    app: {
      ...emulatorApp(emulator.url),
      // CDC over its Pub/Sub API, trusting the certificate it generated at start.
      pubsub: { endpoint: emulator.pubsub.endpoint, ca: emulator.pubsub.certificate },
    },
    close: () => emulator.close(),
  };
}

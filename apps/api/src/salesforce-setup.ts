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
 * Salesforce emulator started beside the API so the whole product can be clicked through.
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
  // Imported only here: production never loads the emulator.
  const { startEmulator, DEFAULT_APP } = await import('@ch/salesforce-emulator');
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
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      callbackUrl: env.salesforceCallbackUrl,
      emulatorUrl: emulator.url,
      // CDC over its Pub/Sub API, trusting the certificate it generated at start.
      pubsub: { endpoint: emulator.pubsub.endpoint, ca: emulator.pubsub.certificate },
    },
    close: () => emulator.close(),
  };
}

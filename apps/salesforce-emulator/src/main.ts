import { DEFAULT_APP, SEED_ORGS, SEED_PASSWORD, startEmulator } from './index.ts';

// Standalone entry: `pnpm --filter @ch/salesforce-emulator start` (PORT, HOST, EMULATOR_CONTROL_KEY,
// EMULATOR_CALLBACK_URLS comma-separated, EMULATOR_STATE_DIR to keep the state across restarts,
// SALESFORCE_EMULATOR_PUBSUB_PORT for the Pub/Sub API, default PORT + 1 = 4011).
const port = Number(process.env.PORT ?? 4010);
const pubsubPort = process.env.SALESFORCE_EMULATOR_PUBSUB_PORT;
const emulator = await startEmulator({
  port,
  ...(pubsubPort ? { pubsubPort: Number(pubsubPort) } : {}),
  ...(process.env.HOST ? { host: process.env.HOST } : {}),
  ...(process.env.EMULATOR_CONTROL_KEY ? { controlKey: process.env.EMULATOR_CONTROL_KEY } : {}),
  ...(process.env.EMULATOR_CALLBACK_URLS
    ? { callbackUrls: process.env.EMULATOR_CALLBACK_URLS.split(',') }
    : {}),
  ...(process.env.EMULATOR_STATE_DIR
    ? {
        persist: {
          dir: process.env.EMULATOR_STATE_DIR,
          log: (level, message) => process.stderr.write(`[${level}] ${message}\n`),
        },
      }
    : {}),
});

const lines = [
  `Salesforce emulator listening on ${emulator.url}`,
  `  login/instance URL: ${emulator.url}`,
  `  connected app: ${DEFAULT_APP.name} (client_id=${DEFAULT_APP.clientId}, client_secret=${DEFAULT_APP.clientSecret})`,
  `  control API: ${emulator.url}/__emulator  (header x-emulator-key: ${emulator.controlKey})`,
  `  Pub/Sub API: ${emulator.pubsub.endpoint} (gRPC over TLS, self-signed certificate: skip the check)`,
  ...SEED_ORGS.map((o) => `  ${o.name} [${o.edition}]: ${o.user.username} / ${SEED_PASSWORD}`),
];
process.stdout.write(`${lines.join('\n')}\n`);

const stop = () => {
  emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

import type { Db } from '@ch/db';
import type { Logger } from 'pino';
import type { Env } from './env.ts';
import type { Metrics } from './modules/metrics/registry.ts';
import type { SecretBox } from './modules/oauth-tokens/secret-box.ts';
import type { SalesforceApp } from './modules/salesforce-connection/salesforce-app.ts';

/** What every feature's routes are built from; tests build the same with their own database. */
export interface Deps {
  db: Db;
  env: Env;
  logger: Logger;
  secretBox: SecretBox;
  salesforceApp: SalesforceApp;
  metrics: Metrics;
}

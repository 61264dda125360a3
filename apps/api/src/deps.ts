import type { Db } from '@ch/db';
import type { Logger } from 'pino';
import type { SecretBox } from './crypto/secret-box.ts';
import type { Env } from './env.ts';
import type { Metrics } from './metrics/registry.ts';
import type { SalesforceApp } from './salesforce-setup.ts';

/** What every feature's routes are built from; tests build the same with their own database. */
export interface Deps {
  db: Db;
  env: Env;
  logger: Logger;
  secretBox: SecretBox;
  salesforceApp: SalesforceApp;
  metrics: Metrics;
}

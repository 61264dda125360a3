import type { Db } from '@ch/db';
import type { Logger } from 'pino';
import type { Env } from './env.ts';

/** What every feature's routes are built from; tests build the same with their own database. */
export interface Deps {
  db: Db;
  env: Env;
  logger: Logger;
}

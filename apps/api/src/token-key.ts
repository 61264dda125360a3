import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKey } from './crypto/secret-box.ts';
import type { Env } from './env.ts';

/**
 * The token keyring: TOKEN_ENCRYPTION_KEY, or for local runs a key generated once under DATA_DIR
 * (mode 0600) so tokens stay readable across restarts. env.ts refuses production without one.
 */
export async function resolveTokenKeyring(env: Env): Promise<string> {
  if (env.TOKEN_ENCRYPTION_KEY) return env.TOKEN_ENCRYPTION_KEY;
  const file = path.join(env.dataDir, 'token-encryption-key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(env.dataDir, { recursive: true });
  const key = generateKey('local1');
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

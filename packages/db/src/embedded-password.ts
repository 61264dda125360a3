import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import pg from 'pg';

/** What data folders made before per-folder passwords were initialised with. */
export const LEGACY_PASSWORD = 'postgres';

/** Beside the data folder, not in it: the folder belongs to the server's user, the file to ours. */
export const passwordFileOf = (dataDir: string): string => `${dataDir}.password`;

// Hex: safe inside a URL and inside a quoted SQL literal without escaping.
export const randomPassword = (): string => randomBytes(32).toString('hex');

/** Owner read/write only: another local user must not read the superuser's password. */
export async function writePasswordFile(file: string, password: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${password}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

export async function readPasswordFile(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * A data folder initialised with the old fixed password: give it a random one, once. The new
 * password is written (as `.new`) before the ALTER and renamed after it, so a crash in between
 * leaves a password that a later start still finds.
 */
export async function replaceLegacyPassword(port: number, file: string): Promise<string> {
  const pending = `${file}.new`;
  const next = (await readPasswordFile(pending)) ?? randomPassword();
  await writePasswordFile(pending, next);
  const client = await connect(port, LEGACY_PASSWORD).catch(async (error: unknown) => {
    // The ALTER of an earlier start went through but the rename did not.
    if ((error as { code?: string }).code !== '28P01') throw error;
    await (await connect(port, next)).end();
    return undefined;
  });
  if (client) {
    try {
      await client.query(`ALTER ROLE postgres WITH PASSWORD '${next}'`);
    } finally {
      await client.end();
    }
  }
  await rename(pending, file);
  return next;
}

async function connect(port: number, password: string): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

export async function removePasswordFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ch-embedded-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Logs in as another local user would: over loopback, with a password it guessed. */
async function canLogIn(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await client.connect();
    return true;
  } catch (error) {
    expect((error as { code?: string }).code).toBe('28P01');
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const passwordIn = async (file: string) => (await readFile(file, 'utf8')).trim();

describe('startEmbeddedPostgres', () => {
  it('protects a new data folder with a random password kept beside it, readable by its owner only', async () => {
    const dataDir = path.join(dir, 'fresh');
    const server = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      const file = `${dataDir}.password`;
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const password = await passwordIn(file);
      expect(password).toMatch(/^[0-9a-f]{64}$/);
      expect(server.serverUrl).toBe(`postgresql://postgres:${password}@127.0.0.1:${server.port}`);
      expect(await canLogIn(server.port, 'postgres')).toBe(false);
      expect(await canLogIn(server.port, password)).toBe(true);
    } finally {
      await server.stop();
    }
    // The same folder restarts with the same password.
    const again = await startEmbeddedPostgres({ dataDir, persistent: true });
    await again.stop();
    expect(again.serverUrl).toContain(await passwordIn(`${dataDir}.password`));
  });

  it('gives every data folder its own password, and a throwaway server removes its file on stop', async () => {
    const a = await startEmbeddedPostgres({ dataDir: path.join(dir, 'a'), persistent: false });
    const b = await startEmbeddedPostgres({ dataDir: path.join(dir, 'b'), persistent: false });
    await Promise.all([a.stop(), b.stop()]);
    expect(new URL(a.serverUrl).password).not.toBe(new URL(b.serverUrl).password);
    expect(existsSync(path.join(dir, 'a.password'))).toBe(false);
  });

  it('moves a folder made with the old postgres/postgres login to a random password, keeping its data', async () => {
    const dataDir = path.join(dir, 'legacy');
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    // Make it what an older release left behind: the fixed password and no password file.
    const admin = new pg.Client({ connectionString: `${first.serverUrl}/postgres` });
    await admin.connect();
    await admin.query("ALTER ROLE postgres WITH PASSWORD 'postgres'");
    await admin.query('CREATE DATABASE kept');
    await admin.end();
    await first.stop();
    await rm(`${dataDir}.password`);

    const upgraded = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      const password = await passwordIn(`${dataDir}.password`);
      expect((await stat(`${dataDir}.password`)).mode & 0o777).toBe(0o600);
      expect(password).toMatch(/^[0-9a-f]{64}$/);
      expect(await canLogIn(upgraded.port, 'postgres')).toBe(false);
      const client = new pg.Client({ connectionString: `${upgraded.serverUrl}/kept` });
      await client.connect();
      expect((await client.query('SELECT current_database() AS name')).rows[0].name).toBe('kept');
      await client.end();
    } finally {
      await upgraded.stop();
    }
  });

  it('leaves the modes of the folders above its data folder as they were, but for the traverse bit', async () => {
    const shared = path.join(dir, 'shared');
    const tight = path.join(dir, 'tight');
    await mkdir(shared);
    await chmod(shared, 0o1777);
    await mkdir(tight);
    await chmod(tight, 0o700);
    const servers = [
      await startEmbeddedPostgres({ dataDir: path.join(shared, 'pg'), persistent: false }),
      await startEmbeddedPostgres({ dataDir: path.join(tight, 'pg'), persistent: false }),
    ];
    await Promise.all(servers.map((s) => s.stop()));
    expect((await stat(shared)).mode & 0o7777).toBe(0o1777);
    // As root the server runs as `postgres`, which must be able to walk through; nothing else changes.
    const traverse = process.getuid?.() === 0 ? 0o001 : 0;
    expect((await stat(tight)).mode & 0o7777).toBe(0o700 | traverse);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@ch/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// The production start, exactly as `pnpm start:prod` has it (the image's CMD is the same command):
// plain node on the compiled output, TypeScript stripping switched off so that no .ts file can
// load, not even by accident through a workspace package's source entry.
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const startProd: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts[
  'start:prod'
];
const NODE_ARGS = startProd.match(/^NODE_ENV=production node (.+)$/)?.[1]?.split(' ') ?? [];

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, NODE_ARGS, {
    cwd: ROOT,
    // Only what is given: nothing of the test runner's environment (its loaders, its NODE_ENV).
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}

// A process still running this long after SIGTERM (past its 25 s grace) is killed, and the test
// fails with everything it printed, instead of timing out with nothing to go on.
async function stop({ child, exited, output }: Started, boundMs = 40_000): Promise<number | null> {
  if (child.exitCode === null) child.kill('SIGTERM');
  let killed = false;
  const timer = setTimeout(() => {
    killed = child.kill('SIGKILL');
  }, boundMs);
  const code = await exited.finally(() => clearTimeout(timer));
  if (killed) throw new Error(`still running ${boundMs / 1000} s after SIGTERM:\n${output()}`);
  return code;
}

async function waitForOutput(started: Started, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null)
      throw new Error(`exited before printing "${text}":\n${started.output()}`);
    if (Date.now() > deadline)
      throw new Error(`no "${text}" within ${timeoutMs / 1000} s:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let serverUrl: string;
let databaseUrl: string;
const databaseName = `ch_smoke_${randomBytes(6).toString('hex')}`;
async function admin(sql: string) {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}
beforeAll(async () => {
  serverUrl = inject('dbServerUrl');
  // An empty database: the compiled server applies every migration itself.
  await admin(`CREATE DATABASE ${databaseName}`);
  databaseUrl = `${serverUrl}/${databaseName}`;
});
afterAll(() => admin(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));

const production = () => ({
  DATABASE_URL: databaseUrl,
  TOKEN_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
  // A connected app is configured but never called: nothing here signs in to Salesforce.
  SALESFORCE_CLIENT_ID: 'smoke-consumer-key',
  SALESFORCE_CLIENT_SECRET: 'smoke-consumer-secret',
  HOST: '127.0.0.1',
});

async function waitUntilReady(base: string, started: Started): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`the server exited:\n${started.output()}`);
    const status = await fetch(`${base}/readyz`).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`/readyz never answered 200:\n${started.output()}`);
}

describe('the compiled server (pnpm build, then pnpm start:prod)', () => {
  it('is started by plain node with no TypeScript loader', () => {
    expect(NODE_ARGS).toEqual([
      '--conditions=compiled',
      '--no-experimental-strip-types',
      '--enable-source-maps',
      'apps/api/dist/main.js',
    ]);
  });

  it('refuses to start in production without a database, a token key and a connected app', async () => {
    const started = start({});
    expect(await started.exited).toBe(1);
    for (const name of [
      'DATABASE_URL',
      'TOKEN_ENCRYPTION_KEY',
      'SALESFORCE_CLIENT_ID',
      'SALESFORCE_CLIENT_SECRET',
    ]) {
      expect(started.output()).toContain(`  ${name}: required in production`);
    }
  });

  it('migrates an empty database, then serves /readyz, the login page and a sign-in', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = start({ ...production(), ROLE: 'api', PORT: String(port), APP_ORIGIN: base, SEED_DEMO: '1' });
    try {
      await waitUntilReady(base, api);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });

      const page = await fetch(`${base}/login`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<div id="root"></div>');
      const script = html.match(/<script type="module" crossorigin src="([^"]+)"/)?.[1];
      expect(script).toMatch(/^\/assets\/.+\.js$/);
      const bundle = await fetch(`${base}${script}`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);

      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email: 'admin@demo.test', password: 'demo-password' }),
      });
      expect(login.status).toBe(204);
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      const me = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ user: { email: 'admin@demo.test' } });
    } finally {
      expect(await stop(api)).toBe(0);
    }
  });

  it('starts a worker (ROLE=worker: the sync engine and the write-back loop) and stops it on SIGTERM', async () => {
    // Info lines too, so that a worker slow to start or to stop shows where it was.
    const worker = start({ ...production(), ROLE: 'worker', LOG_LEVEL: 'info' });
    try {
      await waitForOutput(worker, 'Cloverhound Cloud is running');
      expect(worker.output()).toContain('(role: worker)');
      expect(worker.child.exitCode).toBeNull();
    } finally {
      expect(await stop(worker)).toBe(0);
    }
  }, 150_000);
});

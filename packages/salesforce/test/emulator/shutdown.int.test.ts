import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, connect, type Emulator, start } from './setup.ts';

const fixture = fileURLToPath(new URL('./fixtures/subscribe-and-close.ts', import.meta.url));

describe('shutdown', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('leaves no long-poll or timer behind: a process exits right after close()', async () => {
    const tokens = await connect(emu, ACME);
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, emu.url, tokens.accessToken], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const exitedAt = Date.now();
    const closedAt = Number(/closed (\d+)/.exec(out)?.[1]);
    expect(code).toBe(0);
    // The server holds /meta/connect for 110 s; exiting within a couple of seconds proves it was aborted.
    expect(exitedAt - closedAt).toBeLessThan(2_500);
  });
});

// The emulator in a process of its own, so that a benchmark's peak RSS is the engine's alone (a
// million emulated Contacts would otherwise dwarf it).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { EmulatorControl } from '@ch/salesforce-emulator/client';
import type { BenchEmulator } from './harness.ts';

const KEY = 'bench-control-key-0123456789';

export async function emulatorProcess(callbackUrl: string): Promise<BenchEmulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: new URL('../../salesforce-emulator/', import.meta.url),
    env: { ...process.env, PORT: '0', EMULATOR_CONTROL_KEY: KEY, EMULATOR_CALLBACK_URLS: callbackUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  const url = /listening on (\S+)/.exec(first.toString())?.[1];
  if (!url) throw new Error(`the emulator did not say where it listens: ${first.toString()}`);
  child.stdout.resume();
  return {
    url,
    control: new EmulatorControl({ baseUrl: url, controlKey: KEY }),
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  } as BenchEmulator;
}

// The emulator in a process of its own, so that a benchmark's peak RSS is the engine's alone (a
// million emulated Contacts would otherwise dwarf it).
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:tls';
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
  // Its Pub/Sub API too (the CDC rows), trusting the certificate it generated at start.
  const endpoint = /Pub\/Sub API: (\S+)/.exec(first.toString())?.[1];
  const port = Number(endpoint?.slice(endpoint.lastIndexOf(':') + 1));
  const pubsub = endpoint
    ? { endpoint, port, certificate: await servedCertificate(endpoint, port) }
    : undefined;
  return {
    url,
    ...(pubsub ? { pubsub } : {}),
    control: new EmulatorControl({ baseUrl: url, controlKey: KEY }),
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  } as BenchEmulator;
}

/** The certificate the emulator's Pub/Sub server presents (the child generated it; it is the one to trust). */
async function servedCertificate(endpoint: string, port: number): Promise<string> {
  const socket = connect({
    host: endpoint.slice(0, endpoint.lastIndexOf(':')),
    port,
    rejectUnauthorized: false,
    ALPNProtocols: ['h2'],
  });
  await once(socket, 'secureConnect');
  const pem = new X509Certificate(socket.getPeerCertificate().raw).toString();
  socket.destroy();
  return pem;
}

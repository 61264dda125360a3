import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../index.ts';
import { connectAs, rest, startTestEmulator } from './support.ts';

// Raw Bulk API 2.0 calls for the conformance tests: the headers and bodies a client sees.
export interface JobInfo {
  id: string;
  state: string;
  object: string;
  operation: string;
  numberRecordsProcessed: number;
  apiVersion: number;
  columnDelimiter: string;
  lineEnding: string;
  jobType: string;
}

export async function createJob(emu: RunningEmulator, token: string, body: Record<string, unknown>) {
  const res = await rest(emu, token, '/jobs/query', { method: 'POST', body: JSON.stringify(body) });
  return {
    status: res.status,
    body: (await res.json()) as JobInfo & [{ errorCode: string; message: string }],
  };
}

export async function getJob(emu: RunningEmulator, token: string, id: string): Promise<JobInfo> {
  const res = await rest(emu, token, `/jobs/query/${id}`);
  if (res.status !== 200) throw new Error(`job ${id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as JobInfo;
}

/** Polls until the job leaves UploadComplete/InProgress; returns every state seen, in order. */
export async function waitForJob(emu: RunningEmulator, token: string, id: string): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const { state } = await getJob(emu, token, id);
    if (seen.at(-1) !== state) seen.push(state);
    if (state !== 'UploadComplete' && state !== 'InProgress') return seen;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function results(emu: RunningEmulator, token: string, id: string, query = '') {
  const res = await rest(emu, token, `/jobs/query/${id}/results${query}`, {
    headers: { accept: 'text/csv' },
  });
  return {
    status: res.status,
    locator: res.headers.get('sforce-locator'),
    count: res.headers.get('sforce-numberofrecords'),
    type: res.headers.get('content-type'),
    text: await res.text(),
  };
}

export async function apiUsed(emu: RunningEmulator, alias = 'acme'): Promise<number> {
  const org = (await emu.control.state()).orgs.find((o) => o.alias === alias);
  return org?.apiUsage.used ?? Number.NaN;
}

/** An empty emulator holding `contacts` in acme, and a jsforce connection that polls every 50 ms. */
export async function startWithContacts(
  contacts: Record<string, unknown>[],
): Promise<{ emu: RunningEmulator; conn: Connection; token: string }> {
  const emu = await startTestEmulator({ records: 'none' });
  const conn = await connectAs(emu);
  conn.bulk2.pollInterval = 50;
  await emu.control.createRecords('acme', 'Contact', contacts);
  return { emu, conn, token: conn.accessToken ?? '' };
}

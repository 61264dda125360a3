import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../control-client.ts';
import type { RunningEmulator } from '../index.ts';
import { connectAs, rest, startTestEmulator } from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ controlKey: 'test-key' });
});
afterAll(() => emu.close());

describe('control API and seeds', () => {
  it('starts with the deterministic seed: Acme (250 contacts, 120 leads, CDC) and Globex (no CDC)', async () => {
    const state = await emu.control.state();
    const [acme, globex] = state.orgs;
    expect(acme).toMatchObject({
      name: 'Acme (Emulated)',
      edition: 'Enterprise Edition',
      cdcEntities: ['Contact', 'Lead'],
      counts: { Contact: 250, Lead: 120 },
    });
    expect(acme?.id).toMatch(/^00D\w{15}$/);
    expect(acme?.users[0]).toMatchObject({
      username: 'integration.user@acme.example',
      displayName: 'Integration User',
    });
    expect(globex).toMatchObject({
      name: 'Globex (Emulated)',
      edition: 'Professional Edition',
      cdcEntities: [],
    });
    expect(state.apps).toEqual([
      {
        name: 'Cloverhound Cloud',
        clientId: 'cloverhound-local-client',
        callbackUrls: ['http://localhost:3999/oauth/callback'],
        rotateRefreshTokens: false,
      },
    ]);
    const contacts = await emu.control.records('acme', 'Contact');
    const first = contacts[0] as Record<string, string>;
    expect(first.Id).toMatch(/^003\w{15}$/);
    expect(first.Email).toMatch(/@acme-customers\.example$/);
    expect(first.Name).toBe(`${first.FirstName} ${first.LastName}`);
    const again = await startTestEmulator();
    try {
      // Same ids, names, emails and phones on every start; timestamps are relative to start time.
      const stable = (rows: Record<string, unknown>[]) =>
        rows.map(({ Id, Name, Email, Phone }) => ({ Id, Name, Email, Phone }));
      expect(stable(await again.control.records('acme', 'Contact'))).toEqual(stable(contacts));
    } finally {
      await again.close();
    }
  });

  it('uses the given control key and rejects others', async () => {
    expect(emu.controlKey).toBe('test-key');
    const wrong = new EmulatorControl({ baseUrl: emu.url, controlKey: 'nope' });
    await expect(wrong.state()).rejects.toMatchObject({ status: 401 });
  });

  it('serves identity with the oauth_token query parameter and 403 without a valid token', async () => {
    const conn = await connectAs(emu);
    const idUrl = `${emu.url}/id/${conn.userInfo?.organizationId}/${conn.userInfo?.id}`;
    const ok = await fetch(`${idUrl}?format=json&oauth_token=${encodeURIComponent(conn.accessToken ?? '')}`);
    const body = (await ok.json()) as { urls: Record<string, string>; user_id: string };
    expect(body.user_id).toBe(conn.userInfo?.id);
    expect(body.urls.rest).toBe(`${emu.url}/services/data/v{version}/`);
    expect((await fetch(`${idUrl}?oauth_token=bad`)).status).toBe(403);
  });

  it('reports strictly increasing commit stamps, whole-second SystemModstamps, and backdated late commits', async () => {
    const a = await emu.control.createRecords('acme', 'Contact', [{ LastName: 'A' }]);
    const b = await emu.control.createRecords('acme', 'Contact', [{ LastName: 'B' }]);
    expect(Date.parse(b.commitTimestamp)).toBeGreaterThan(Date.parse(a.commitTimestamp));
    const second = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
    const late = await emu.control.updateRecords(
      'acme',
      'Contact',
      [{ Id: a.results[0]?.id, Title: 'Late' }],
      { systemModstamp: Date.parse(a.commitTimestamp) - 60_000 },
    );
    const row = (await emu.control.records('acme', 'Contact')).find((r) => r.Id === a.results[0]?.id);
    expect(row?.SystemModstamp).toBe(second(late.commitTimestamp));
    expect(Date.parse(String(row?.SystemModstamp))).toBeLessThan(Date.parse(a.commitTimestamp));
  });

  it('reports a partial batch failure per record', async () => {
    const res = await emu.control.createRecords('acme', 'Lead', [
      { LastName: 'Ok', Company: 'C' },
      { LastName: 'NoCompany' },
    ]);
    expect(res.results.map((r) => r.success)).toEqual([true, false]);
    expect(res.results[1]?.errors[0]?.statusCode).toBe('REQUIRED_FIELD_MISSING');
  });

  it('creates a record under a given Id (a sandbox keeps production ids), once per org', async () => {
    const [acmeContact] = await emu.control.records('acme', 'Contact');
    const id = String(acmeContact?.Id);
    const res = await emu.control.createRecords('globex', 'Contact', [{ Id: id, LastName: 'Sandbox' }]);
    expect(res.results).toEqual([{ id, success: true, errors: [] }]);
    const copy = (await emu.control.records('globex', 'Contact')).find((r) => r.Id === id);
    expect(copy).toMatchObject({ LastName: 'Sandbox', IsDeleted: false });
    const again = await emu.control.createRecords('globex', 'Contact', [{ Id: id, LastName: 'Twice' }]);
    expect(again.results[0]?.errors[0]?.statusCode).toBe('DUPLICATE_VALUE');
  });

  it('selects the objects an org publishes change events for', async () => {
    expect(await emu.control.setCdcEntities('acme', ['Lead'])).toEqual({ cdcEntities: ['Lead'] });
    expect((await emu.control.state()).orgs[0]?.cdcEntities).toEqual(['Lead']);
    await expect(emu.control.setCdcEntities('acme', 'Lead' as unknown as string[])).rejects.toMatchObject({
      status: 400,
    });
    await emu.control.setCdcEntities('acme', ['Contact', 'Lead']);
  });

  it('resets to the seed: tokens, records, faults and clock', async () => {
    const conn = await connectAs(emu);
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Temp' }]);
    await emu.control.advanceClock(3_600_000);
    await emu.control.failNextRequests(5);
    await emu.control.reset();
    expect((await emu.control.state()).orgs[0]?.counts.Contact).toBe(250);
    expect(await emu.control.tokens()).toEqual([]);
    expect((await emu.control.clock()).offsetMs).toBe(0);
    expect((await rest(emu, conn.accessToken ?? '', '/limits')).status).toBe(401);
    const fresh = await connectAs(emu);
    expect((await rest(emu, fresh.accessToken ?? '', '/limits')).status).toBe(200);
  });

  it('starts empty of records with records: none', async () => {
    const empty = await startTestEmulator({ records: 'none' });
    try {
      const state = await empty.control.state();
      expect(state.orgs.map((o) => o.counts.Contact)).toEqual([0, 0]);
      expect(state.orgs[0]?.users).toHaveLength(1);
    } finally {
      await empty.close();
    }
  });
});

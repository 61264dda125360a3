import type { BusSnapshot } from '../cdc/bus.ts';
import { CommitClock } from '../core/clock.ts';
import type { Emulator } from '../core/emulator.ts';
import { IdAllocator } from '../core/ids.ts';
import type { EmulatorSettings } from '../core/settings.ts';
import type { ConnectedApp } from '../oauth/apps.ts';
import type { AccessToken, RefreshToken } from '../oauth/tokens.ts';
import { DATA_OBJECTS, type DataObjectName } from '../store/schema.ts';
import { emptyTable, type Org, type SfRecord } from '../store/types.ts';

/**
 * What a persistent emulator keeps across restarts: everything a connected client relies on
 * (orgs and their records, recycle bins, tokens, CDC logs and replay ids, id counters, apps,
 * settings, the clock's offset). Pending logins, one-time codes, query locators, CometD clients
 * and injected faults are short-lived and start empty, as after a Salesforce maintenance restart.
 */
export const STATE_VERSION = 1;

interface SavedTable {
  rows: SfRecord[];
  deletedAt: [string, number][];
}

/** An Org as JSON: tables as arrays, no commit clock (it follows the emulator clock). */
type SavedOrg = Omit<Org, 'tables' | 'commitClock' | 'batchSize'> & {
  tables: Record<string, SavedTable>;
  batchSize: number | null;
};

export interface SavedState {
  version: typeof STATE_VERSION;
  savedAt: string;
  clockOffsetMs: number;
  settings: EmulatorSettings;
  ids: Record<string, number>;
  orgs: SavedOrg[];
  apps: ConnectedApp[];
  tokens: { access: AccessToken[]; refresh: RefreshToken[] };
  bus: BusSnapshot;
}

export function snapshotState(emu: Emulator): SavedState {
  return {
    version: STATE_VERSION,
    savedAt: new Date().toISOString(),
    clockOffsetMs: emu.clock.offset,
    settings: { ...emu.settings },
    ids: emu.ids.snapshot(),
    orgs: [...emu.orgs.values()].map((org) => ({
      id: org.id,
      alias: org.alias,
      name: org.name,
      edition: org.edition,
      instanceName: org.instanceName,
      cdcEntities: org.cdcEntities,
      users: org.users,
      tables: Object.fromEntries(
        Object.entries(org.tables).map(([name, t]) => [
          name,
          { rows: [...t.rows.values()], deletedAt: [...t.deletedAt] },
        ]),
      ),
      api: org.api,
      batchSize: org.batchSize ?? null,
      ...(org.fields ? { fields: org.fields } : {}),
    })),
    apps: [...emu.apps.values()],
    tokens: emu.tokens.snapshot(),
    bus: emu.bus.snapshot(),
  };
}

/** Throws when the file is not a state this version wrote; the caller then starts from seed. */
export function parseState(text: string): SavedState {
  const state = JSON.parse(text) as Partial<SavedState> | null;
  if (state?.version !== STATE_VERSION) {
    throw new Error(`unsupported state version ${String(state?.version)} (expected ${STATE_VERSION})`);
  }
  for (const key of ['settings', 'ids', 'orgs', 'apps', 'tokens', 'bus'] as const) {
    if (typeof state[key] !== 'object' || state[key] === null) throw new Error(`state has no ${key}`);
  }
  return state as SavedState;
}

/** Replaces the freshly seeded state of `emu` with a saved one. */
export function restoreState(emu: Emulator, state: SavedState): void {
  emu.clock.reset();
  emu.clock.advance(state.clockOffsetMs);
  // Settings added since the file was written keep their defaults.
  Object.assign(emu.settings, state.settings);
  emu.ids = new IdAllocator(undefined, state.ids);
  emu.orgs = new Map(state.orgs.map((o) => [o.id, restoreOrg(emu, o)]));
  // The default app's callback URLs come from this start's options (the port may have changed).
  const current = [...emu.apps.values()];
  emu.apps = new Map(state.apps.map((a) => [a.clientId, a]));
  for (const app of current) {
    const saved = emu.apps.get(app.clientId);
    emu.apps.set(app.clientId, saved ? { ...saved, callbackUrls: app.callbackUrls } : app);
  }
  emu.tokens.restore(state.tokens);
  emu.bus.restore(state.bus);
}

function restoreOrg(emu: Emulator, saved: SavedOrg): Org {
  const tables = {} as Org['tables'];
  for (const name of Object.keys(DATA_OBJECTS) as DataObjectName[]) {
    const t = saved.tables[name];
    tables[name] = t
      ? { rows: new Map(t.rows.map((r) => [r.Id, r])), deletedAt: new Map(t.deletedAt) }
      : emptyTable();
  }
  return {
    id: saved.id,
    alias: saved.alias,
    name: saved.name,
    edition: saved.edition,
    instanceName: saved.instanceName,
    cdcEntities: saved.cdcEntities,
    users: saved.users,
    tables,
    // Commit stamps never repeat a millisecond within a run; across a restart the clock has moved on.
    commitClock: new CommitClock(emu.clock),
    api: saved.api,
    batchSize: saved.batchSize ?? undefined,
    ...(saved.fields ? { fields: saved.fields } : {}),
  };
}

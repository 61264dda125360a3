import { EventBus } from '../cdc/bus.ts';
import { type ConnectedApp, DEFAULT_APP, DEFAULT_CALLBACK_URLS } from '../oauth/apps.ts';
import { AuthFlows } from '../oauth/flows.ts';
import { TokenRegistry } from '../oauth/tokens.ts';
import { LocatorStore } from '../rest/locators.ts';
import type { DataObjectName } from '../store/schema.ts';
import { seedOrgs } from '../store/seed.ts';
import { TransactionBuilder } from '../store/transaction.ts';
import type { Org, User } from '../store/types.ts';
import { Clock } from './clock.ts';
import { Faults } from './faults.ts';
import { IdAllocator } from './ids.ts';
import { Prng } from './prng.ts';
import { defaultSettings, type EmulatorSettings } from './settings.ts';

export interface EmulatorConfig {
  callbackUrls?: string[];
  records?: 'seed' | 'none';
  rotateRefreshTokens?: boolean;
  settings?: Partial<EmulatorSettings>;
}

/** All emulator state: orgs and their data, the OAuth registry, the CDC log and faults. */
export class Emulator {
  readonly settings: EmulatorSettings;
  readonly clock = new Clock();
  readonly faults = new Faults();
  readonly tokens: TokenRegistry;
  readonly bus: EventBus;
  readonly auth = new AuthFlows();
  readonly locators = new LocatorStore();
  ids = new IdAllocator();
  /** Origin the emulator is reachable at; instance_url and identity URLs point here. */
  publicUrl = 'http://localhost';
  orgs = new Map<string, Org>();
  apps = new Map<string, ConnectedApp>();
  private readonly prng = new Prng(20261128);
  private readonly initialSettings: EmulatorSettings;

  constructor(private readonly config: EmulatorConfig) {
    this.settings = { ...defaultSettings(), ...config.settings };
    if (config.rotateRefreshTokens !== undefined)
      this.settings.rotateRefreshTokens = config.rotateRefreshTokens;
    this.initialSettings = { ...this.settings };
    this.tokens = new TokenRegistry(this.clock, this.settings);
    this.bus = new EventBus(this.clock, this.settings, this.prng);
    this.seed();
  }

  /** Back to the state right after start: seed data, default app, no tokens, events or faults. */
  reset(): void {
    this.clock.reset();
    Object.assign(this.settings, this.initialSettings);
    this.tokens.clear();
    this.auth.clear();
    this.locators.clear();
    this.bus.clear();
    this.faults.clear();
    this.seed();
  }

  private seed(): void {
    this.ids = new IdAllocator();
    this.orgs = new Map(seedOrgs(this, this.config.records ?? 'seed').map((o) => [o.id, o]));
    this.apps = new Map([
      [
        DEFAULT_APP.clientId,
        {
          ...DEFAULT_APP,
          callbackUrls: [...(this.config.callbackUrls ?? DEFAULT_CALLBACK_URLS)],
          rotateRefreshTokens: this.settings.rotateRefreshTokens,
        },
      ],
    ]);
  }

  /** Finds an org by id (15 or 18 chars), alias (`acme`, `globex`) or name. */
  org(ref: string): Org | undefined {
    const lower = ref.toLowerCase();
    for (const org of this.orgs.values()) {
      if (
        org.id === ref ||
        org.id.slice(0, 15) === ref ||
        org.alias === lower ||
        org.name.toLowerCase() === lower
      )
        return org;
    }
    return undefined;
  }

  user(userId: string): User | undefined {
    for (const org of this.orgs.values()) {
      const u = org.users.find((x) => x.id === userId || x.id.slice(0, 15) === userId);
      if (u) return u;
    }
    return undefined;
  }

  userByUsername(username: string): User | undefined {
    for (const org of this.orgs.values()) {
      const u = org.users.find((x) => x.username.toLowerCase() === username.toLowerCase());
      if (u) return u;
    }
    return undefined;
  }

  /**
   * Runs `work` as one transaction and publishes its change events. `stamp` backdates the
   * commit (a late commit whose SystemModstamp lies in the past).
   */
  commit<T>(
    org: Org,
    userId: string,
    origin: string,
    work: (tx: TransactionBuilder) => T,
    stamp?: number,
  ): T {
    return this.commitDetailed(org, userId, origin, work, stamp).result;
  }

  commitDetailed<T>(
    org: Org,
    userId: string,
    origin: string,
    work: (tx: TransactionBuilder) => T,
    stamp?: number,
  ) {
    const tx = new TransactionBuilder(org, this.ids, userId, origin, stamp ?? org.commitClock.next());
    const result = work(tx);
    const events = this.bus.publishTransaction(tx.toTransaction());
    return { result, events, commitTimestamp: tx.stamp };
  }

  /** Empties recycle bins of rows deleted longer ago than the retention. */
  purgeRecycleBins(): number {
    const cutoff = this.clock.now() - this.settings.recycleBinRetentionMs;
    let purged = 0;
    for (const org of this.orgs.values()) {
      for (const name of Object.keys(org.tables) as DataObjectName[]) {
        const table = org.tables[name];
        for (const [id, at] of table.deletedAt) {
          if (at > cutoff) continue;
          table.deletedAt.delete(id);
          table.rows.delete(id);
          purged++;
        }
      }
    }
    return purged;
  }

  /** Daily API usage follows the emulator clock: a new UTC day starts a fresh allowance. */
  apiUsage(org: Org): { used: number; max: number } {
    const day = Math.floor(this.clock.now() / 86_400_000);
    if (org.api.day !== day) Object.assign(org.api, { day, used: 0 });
    return org.api;
  }
}

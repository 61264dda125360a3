import type { GapType } from '../cdc/events.ts';
import type { CometdHub } from '../cometd/hub.ts';
import type { Emulator } from '../core/emulator.ts';
import type { EmulatorSettings } from '../core/settings.ts';
import { readJson, sendJson } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import type { ConnectedApp } from '../oauth/apps.ts';
import { CDC_ENTITIES } from '../store/schema.ts';
import { controlError, orgParam } from './common.ts';
import { createOrgs } from './orgs.ts';

type Body = Record<string, unknown>;
const GAP_TYPES = ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW'];

function str(body: Body, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

function entityOf(body: Body): string {
  const entity = str(body, 'entity') ?? '';
  if (!(CDC_ENTITIES as readonly string[]).includes(entity))
    throw controlError(400, `entity must be one of ${CDC_ENTITIES.join(', ')}`);
  return entity;
}

export function stateOf(emu: Emulator) {
  return {
    url: emu.publicUrl,
    clock: { now: new Date(emu.clock.now()).toISOString(), offsetMs: emu.clock.offset },
    settings: emu.settings,
    orgs: [...emu.orgs.values()].map((o) => ({
      id: o.id,
      alias: o.alias,
      name: o.name,
      edition: o.edition,
      cdcEntities: o.cdcEntities,
      batchSize: o.batchSize ?? null,
      apiUsage: emu.apiUsage(o),
      users: o.users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: `${u.firstName} ${u.lastName}`,
      })),
      counts: Object.fromEntries(Object.entries(o.tables).map(([k, t]) => [k, t.rows.size])),
    })),
    apps: [...emu.apps.values()].map(({ clientSecret: _secret, ...app }) => app),
  };
}

/** Tokens, CDC gaps, faults, clock, apps, settings and reset. */
export function registerControlAdmin(router: Router, emu: Emulator, hub: CometdHub, prefix: string): void {
  const post = (path: string, fn: (body: Body, ctx: Ctx) => unknown) =>
    router.on('POST', `${prefix}${path}`, async (ctx) =>
      sendJson(ctx.res, 200, fn((await readJson(ctx.req)) as Body, ctx) ?? { ok: true }),
    );

  router.on('GET', `${prefix}/state`, (ctx) => sendJson(ctx.res, 200, stateOf(emu)));
  router.on('GET', `${prefix}/tokens`, (ctx) => {
    const org = ctx.url.searchParams.get('org');
    sendJson(ctx.res, 200, { tokens: emu.tokens.list(org ? emu.org(org)?.id : undefined) });
  });
  post('/tokens/expire', (b) => ({
    expired: emu.tokens.expireAccess({
      orgId: b.org ? emu.org(String(b.org))?.id : undefined,
      token: str(b, 'token'),
    }),
  }));
  post('/tokens/revoke', (b) => ({
    revoked: emu.tokens.revokeRefreshWhere({
      orgId: b.org ? emu.org(String(b.org))?.id : undefined,
      userId: str(b, 'userId'),
      token: str(b, 'token'),
    }),
  }));

  // Many orgs at once, each with its integration user (simulations).
  post('/orgs', (b) => createOrgs(emu, b));
  router.on('GET', `${prefix}/orgs/:org/events`, (ctx) =>
    sendJson(ctx.res, 200, { events: emu.bus.retained(orgParam(emu, ctx).id) }),
  );
  post('/orgs/:org/events/gap', (b, ctx) => {
    const type = str(b, 'changeType') ?? '';
    if (!GAP_TYPES.includes(type))
      throw controlError(400, `changeType must be one of ${GAP_TYPES.join(', ')}`);
    const org = orgParam(emu, ctx);
    const ids = Array.isArray(b.recordIds) ? b.recordIds.map(String) : [];
    const events = emu.bus.publishGap(org, entityOf(b), type as GapType, ids, org.users[0]?.id ?? '');
    return { replayIds: events.map((e) => e.replayId) };
  });
  post('/orgs/:org/events/overflow', (b, ctx) => {
    const org = orgParam(emu, ctx);
    const events = emu.bus.publishGap(org, entityOf(b), 'GAP_OVERFLOW', [], org.users[0]?.id ?? '');
    return { replayIds: events.map((e) => e.replayId) };
  });
  // Setup > Change Data Capture: which objects the org publishes change events for.
  post('/orgs/:org/cdc-entities', (b, ctx) => {
    if (!Array.isArray(b.entities)) throw controlError(400, 'entities must be an array');
    const org = orgParam(emu, ctx);
    org.cdcEntities = b.entities.map(String);
    return { cdcEntities: org.cdcEntities };
  });
  post('/orgs/:org/batch-size', (b, ctx) => {
    const size = b.size === null || b.size === undefined ? undefined : Number(b.size);
    if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 2000))
      throw controlError(400, 'size must be 1..2000 or null');
    orgParam(emu, ctx).batchSize = size;
  });
  post('/orgs/:org/api-usage', (b, ctx) => {
    const usage = emu.apiUsage(orgParam(emu, ctx));
    if (typeof b.max === 'number') usage.max = b.max;
    if (b.reset === true) usage.used = 0;
    if (b.exhaust === true) usage.used = usage.max;
    if (typeof b.remaining === 'number') usage.used = Math.max(0, usage.max - b.remaining);
    return { used: usage.used, max: usage.max, remaining: usage.max - usage.used };
  });

  post('/faults/fail', (b) => {
    const status = b.status === 500 || b.status === 401 ? b.status : 503;
    emu.faults.failNext(Number(b.count ?? 1), status, str(b, 'pathContains'));
    return { pending: emu.faults.pending() };
  });
  post('/faults/reset-after', (b) => {
    emu.faults.resetAfterNext(Math.max(1, Number(b.count ?? 1)), str(b, 'pathContains'));
  });
  post('/faults/lock', (b) => {
    const ids = Array.isArray(b.ids) ? b.ids.map(String) : [];
    if (ids.length === 0) throw controlError(400, 'ids must list the records to lock');
    emu.faults.lockRecords(ids, Math.max(1, Number(b.count ?? 1)));
  });
  post('/faults/latency', (b) => {
    emu.faults.latencyMs = Math.max(0, Number(b.ms ?? 0));
    emu.faults.latencyPath = str(b, 'pathContains');
  });
  post('/faults/cometd-drop', () => ({ dropped: hub.dropAll() }));
  post('/faults/clear', () => emu.faults.clear());

  router.on('GET', `${prefix}/clock`, (ctx) => sendJson(ctx.res, 200, stateOf(emu).clock));
  post('/clock/advance', (b) => {
    emu.clock.advance(Number(b.ms ?? 0));
    emu.purgeRecycleBins();
    return stateOf(emu).clock;
  });

  post('/apps', (b) => {
    const app: ConnectedApp = {
      name: str(b, 'name') ?? 'Connected App',
      clientId: str(b, 'clientId') ?? '',
      clientSecret: str(b, 'clientSecret') ?? '',
      callbackUrls: Array.isArray(b.callbackUrls) ? b.callbackUrls.map(String) : [],
      rotateRefreshTokens: b.rotateRefreshTokens === true,
    };
    if (!app.clientId || !app.clientSecret) throw controlError(400, 'clientId and clientSecret are required');
    emu.apps.set(app.clientId, app);
  });
  router.on('PATCH', `${prefix}/settings`, async (ctx) => {
    const patch = (await readJson(ctx.req)) as Partial<EmulatorSettings>;
    for (const [k, v] of Object.entries(patch)) {
      if (!(k in emu.settings)) throw controlError(400, `unknown setting '${k}'`);
      Object.assign(emu.settings, { [k]: v });
    }
    sendJson(ctx.res, 200, emu.settings);
  });
  post('/reset', () => {
    hub.dropAll();
    emu.reset();
  });
}

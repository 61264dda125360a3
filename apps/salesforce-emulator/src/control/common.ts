import type { Emulator } from '../core/emulator.ts';
import { HttpError } from '../http/respond.ts';
import type { Ctx } from '../http/router.ts';
import { type DataObjectName, dataObject } from '../store/schema.ts';
import type { Org } from '../store/types.ts';

export function controlError(status: number, message: string): HttpError {
  return new HttpError(status, { error: message });
}

export function orgParam(emu: Emulator, ctx: Ctx): Org {
  const org = emu.org(ctx.params.org ?? '');
  if (!org) throw controlError(404, `unknown org '${ctx.params.org}'`);
  return org;
}

export function objectParam(ctx: Ctx): DataObjectName {
  const def = dataObject(ctx.params.object ?? '');
  if (!def) throw controlError(404, `unknown object '${ctx.params.object}'`);
  return def.name as DataObjectName;
}

export function optionalStamp(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(String(value));
  if (Number.isNaN(ms)) throw controlError(400, 'systemModstamp must be an ISO-8601 datetime or epoch ms');
  return ms;
}

import type { Metadata } from '@grpc/grpc-js';
import type { Emulator } from '../core/emulator.ts';
import type { AccessToken } from '../oauth/tokens.ts';
import type { Org } from '../store/types.ts';
import { PUBSUB_ERRORS, type PubSubErrorName } from './errors.ts';

export interface PubSubSession {
  token: AccessToken;
  org: Org;
}

function header(metadata: Metadata, key: string): string {
  const value = metadata.get(key)[0];
  return typeof value === 'string' ? value.trim() : '';
}

/** Same origin ignoring the scheme: clients that insist on https:// may name the emulator's http URL so. */
function sameInstance(given: string, publicUrl: string): boolean {
  try {
    return new URL(given).host === new URL(publicUrl).host;
  } catch {
    return false;
  }
}

/**
 * Checks the session metadata every RPC carries (`accesstoken`, `instanceurl`, `tenantid`): blank
 * headers, then a token that is unknown, expired or revoked, or that belongs to another org or
 * instance.
 */
export function authenticate(emu: Emulator, metadata: Metadata): PubSubSession | PubSubErrorName {
  const accessToken = header(metadata, 'accesstoken');
  const instanceUrl = header(metadata, 'instanceurl');
  const tenantId = header(metadata, 'tenantid');
  if (!accessToken || !instanceUrl || !tenantId) return 'authHeaders';
  const token = emu.tokens.validAccess(accessToken);
  const org = token ? emu.org(token.orgId) : undefined;
  if (!token || !org) return 'authError';
  if (tenantId !== org.id && tenantId !== org.id.slice(0, 15)) return 'authError';
  if (!sameInstance(instanceUrl, emu.publicUrl)) return 'authError';
  return { token, org };
}

export const isPubSubError = (v: unknown): v is PubSubErrorName =>
  typeof v === 'string' && v in PUBSUB_ERRORS;

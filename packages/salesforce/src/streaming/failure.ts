import type { SalesforceErrorKind } from '../errors.ts';
import type { BayeuxMessage } from './cometd-client.ts';

/**
 * What to do about an unsuccessful /meta/* reply:
 * - 'auth': the token the client was built with is no longer valid -> refresh and rebuild;
 * - an error kind: the subscription cannot continue;
 * - 'pass': faye handles it by itself (e.g. 403::Unknown client -> re-handshake, replay ext resumes).
 */
export type FailureVerdict = 'auth' | 'pass' | SalesforceErrorKind;

export function classifyFailure(message: BayeuxMessage): FailureVerdict {
  if (message.successful !== false || !message.channel.startsWith('/meta/')) return 'pass';
  const error = message.error ?? '';
  const reason = message.ext?.sfdc?.failureReason ?? '';
  if (/^401:/.test(error) || /^401:/.test(reason) || /authentication invalid/i.test(`${error} ${reason}`)) {
    return 'auth';
  }
  const noReconnect = message.advice?.reconnect === 'none';
  switch (message.channel) {
    case '/meta/subscribe':
      return /replay\s*id/i.test(error) ? 'invalid_replay' : 'cdc_unavailable';
    case '/meta/handshake':
      // A handshake denied for a reason other than the token: streaming is off for this org.
      return noReconnect ? 'cdc_unavailable' : 'pass';
    case '/meta/connect':
      return noReconnect ? 'transient' : 'pass';
    default:
      return 'pass';
  }
}

/** 'Contact' -> '/data/ContactChangeEvent', 'Invoice__c' -> '/data/Invoice__ChangeEvent'. */
export function changeEventChannel(object: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(object)) throw new TypeError(`Not a valid object name: ${object}`);
  const base = object.endsWith('__c') ? `${object.slice(0, -3)}__` : object;
  return `/data/${base}ChangeEvent`;
}

// Bayeux replies with Salesforce's exact error strings and advice.
export type BayeuxMessage = Record<string, unknown> & { channel?: string; clientId?: string; id?: string };

export function base(msg: BayeuxMessage): BayeuxMessage {
  return {
    channel: msg.channel,
    ...(msg.clientId ? { clientId: msg.clientId } : {}),
    ...(msg.id ? { id: msg.id } : {}),
  };
}

export function handshakeDenied(msg: BayeuxMessage): BayeuxMessage {
  return {
    ...base(msg),
    successful: false,
    error: '403::Handshake denied',
    ext: { sfdc: { failureReason: '401::Authentication invalid' }, replay: true },
    advice: { reconnect: 'none' },
  };
}

export function authInvalid(msg: BayeuxMessage): BayeuxMessage {
  return {
    ...base(msg),
    successful: false,
    error: '401::Authentication invalid',
    advice: { reconnect: 'none', interval: 0 },
  };
}

export function unknownClient(msg: BayeuxMessage): BayeuxMessage {
  return {
    ...base(msg),
    successful: false,
    error: '403::Unknown client',
    advice: { reconnect: 'handshake', interval: 0 },
  };
}

export function connectOk(msg: BayeuxMessage, timeoutMs: number): BayeuxMessage {
  return { ...base(msg), successful: true, advice: { reconnect: 'retry', interval: 0, timeout: timeoutMs } };
}

export function invalidReplay(replayId: unknown): string {
  return `400::The replayId {${String(replayId)}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
}

export function channelFor(entity: string): string {
  return `/data/${entity}ChangeEvent`;
}

export const ALL_CHANGES = '/data/ChangeEvents';

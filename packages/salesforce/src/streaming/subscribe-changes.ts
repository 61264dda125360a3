import { SalesforceError } from '../errors.ts';
import { toSalesforceError } from '../map-error.ts';
import { redact } from '../redact.ts';
import type { Session } from '../session.ts';
import type { ChangeEvent } from '../types.ts';
import { parseChangeEvent, type RawChangeMessage } from './change-event.ts';
import { type CometdConnection, type FayeExtension, openCometd } from './cometd-client.ts';
import { changeEventChannel, classifyFailure } from './failure.ts';
import { ReplayPosition } from './replay-position.ts';

export interface SubscribeChangesOptions {
  /** sObject name, e.g. 'Contact'. */
  object: string;
  /**
   * -1: only new events; -2: all retained (72 h); or the last replayId you processed.
   * With -1, a rebuild before the first event may replay events committed up to a minute before
   * the subscription (see replay-position.ts): duplicates rather than losses.
   */
  replayId: number;
  onEvent(event: ChangeEvent): void;
  /** Always terminal: the subscription is closed. Resubscribe from your stored replayId (or resync). */
  onError(error: SalesforceError): void;
}

export interface ChangeSubscription {
  /** Resolves once the first subscribe is acknowledged; rejects if the subscription fails first. */
  readonly ready: Promise<void>;
  close(): void;
}

/** Consecutive 401s tolerated (each followed by a refresh) before giving up. */
const MAX_AUTH_RETRIES = 2;

interface Attempt {
  cometd?: CometdConnection;
  token: string;
  dead: boolean;
}

export function subscribeChanges(session: Session, options: SubscribeChangesOptions): ChangeSubscription {
  const channel = changeEventChannel(options.object);
  // Where a rebuilt client resumes, so that it neither loses nor repeats events.
  const position = new ReplayPosition(options.replayId);
  let current: Attempt | undefined;
  let closed = false;
  let authRetries = 0;
  let settleReady: { resolve(): void; reject(e: Error): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  // A caller that only uses onError must not get an unhandled rejection.
  ready.catch(() => undefined);

  const retire = (attempt: Attempt | undefined) => {
    if (!attempt || attempt.dead) return;
    attempt.dead = true;
    attempt.cometd?.destroy();
    if (current === attempt) current = undefined;
  };

  const stop = () => {
    closed = true;
    unlisten();
    retire(current);
  };

  const fail = (error: SalesforceError) => {
    if (closed) return;
    stop();
    settleReady?.reject(error);
    options.onError(error);
  };

  const deliver = (data: unknown) => {
    const event = parseChangeEvent(data as RawChangeMessage);
    if (!event || closed || !position.admit(event)) return;
    try {
      options.onEvent(event);
    } catch (err) {
      // Not advancing the position: the caller resubscribes from its own last stored id.
      fail(
        new SalesforceError('unknown', redact(`onEvent threw: ${(err as Error).message}`, session.secrets())),
      );
      return;
    }
    position.delivered(event.replayId);
  };

  const onAuthFailure = (attempt: Attempt) => {
    retire(attempt);
    if (authRetries >= MAX_AUTH_RETRIES) {
      fail(new SalesforceError('auth_expired', 'CometD rejected the access token after refreshing it'));
      return;
    }
    authRetries += 1;
    // Someone already refreshed since this client was built: just rebuild with the new token.
    if (session.conn.accessToken && session.conn.accessToken !== attempt.token) {
      start();
      return;
    }
    // Otherwise refresh; the onRefreshed listener below rebuilds the client.
    session
      .forceRefresh()
      .catch((err: unknown) => fail(toSalesforceError(err, { secrets: session.secrets() })));
  };

  const start = () => {
    if (closed) return;
    retire(current);
    const attempt: Attempt = { token: session.conn.accessToken ?? '', dead: false };
    const extension: FayeExtension = {
      outgoing(message, next) {
        // A retired client must go quiet: faye would otherwise keep reconnecting on its own.
        if (attempt.dead) return next(null);
        if (message.channel === '/meta/subscribe') {
          message.ext = { ...message.ext, replay: { [channel]: position.replayId } };
        }
        next(message);
      },
      incoming(message, next) {
        if (attempt.dead) return;
        const verdict = classifyFailure(message);
        if (verdict === 'auth') return onAuthFailure(attempt);
        if (verdict !== 'pass') {
          const text = redact(message.error ?? 'CometD request failed', session.secrets());
          return fail(new SalesforceError(verdict, `${options.object} change events: ${text}`));
        }
        if (message.channel === '/meta/subscribe' && message.successful) {
          authRetries = 0;
          position.subscribed();
          settleReady?.resolve();
        }
        next(message);
      },
    };
    attempt.cometd = openCometd({
      instanceUrl: session.conn.instanceUrl,
      version: session.version,
      accessToken: attempt.token,
      extensions: [extension],
    });
    current = attempt;
    attempt.cometd.subscribe(channel, deliver);
  };

  // jsforce's CometD client keeps the token it was built with: rebuild it after every refresh.
  const unlisten = session.onRefreshed(() => {
    if (!closed) start();
  });

  start();
  return { ready, close: stop };
}

import { describe, expect, it } from 'vitest';
import { stripAttributes } from '../../src/query.ts';
import { chunkForIn, inList, soqlName, soqlString } from '../../src/soql.ts';
import { parseChangeEvent } from '../../src/streaming/change-event.ts';
import { changeEventChannel, classifyFailure } from '../../src/streaming/failure.ts';
import { ReplayPosition } from '../../src/streaming/replay-position.ts';

describe('CometD failure classification', () => {
  it('spots auth failures on handshake and connect', () => {
    expect(
      classifyFailure({
        channel: '/meta/handshake',
        successful: false,
        error: '403::Handshake denied',
        ext: { sfdc: { failureReason: '401::Authentication invalid' } },
        advice: { reconnect: 'none' },
      }),
    ).toBe('auth');
    expect(
      classifyFailure({ channel: '/meta/connect', successful: false, error: '401::Authentication invalid' }),
    ).toBe('auth');
  });

  it('spots an invalid replay id and other subscribe refusals', () => {
    const error =
      '400::The replayId {5} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.';
    expect(classifyFailure({ channel: '/meta/subscribe', successful: false, error })).toBe('invalid_replay');
    expect(
      classifyFailure({ channel: '/meta/subscribe', successful: false, error: '403::Forbidden channel' }),
    ).toBe('cdc_unavailable');
  });

  it('lets faye handle an unknown client by re-handshaking', () => {
    expect(
      classifyFailure({
        channel: '/meta/connect',
        successful: false,
        error: '403::Unknown client',
        advice: { reconnect: 'handshake' },
      }),
    ).toBe('pass');
  });

  it('names channels', () => {
    expect(changeEventChannel('Contact')).toBe('/data/ContactChangeEvent');
    expect(changeEventChannel('Invoice__c')).toBe('/data/Invoice__ChangeEvent');
  });
});

describe('change event parsing', () => {
  it('splits header and fields', () => {
    const event = parseChangeEvent({
      payload: {
        ChangeEventHeader: {
          entityName: 'Contact',
          recordIds: ['003A'],
          changeType: 'UPDATE',
          changedFields: ['Phone'],
          transactionKey: 'tx',
          sequenceNumber: 1,
          commitTimestamp: 1732800000000,
        },
        Phone: '+1',
      },
      event: { replayId: 42 },
    });
    expect(event).toEqual({
      replayId: 42,
      entityName: 'Contact',
      changeType: 'UPDATE',
      recordIds: ['003A'],
      changedFields: ['Phone'],
      transactionKey: 'tx',
      sequenceNumber: 1,
      commitTimestamp: 1732800000000,
      fields: { Phone: '+1' },
    });
    expect(parseChangeEvent({ event: { replayId: 1 } })).toBeUndefined();
  });
});

describe('SOQL helpers', () => {
  it('escapes literals and validates names', () => {
    expect(soqlString("O'Brien\\")).toBe("'O\\'Brien\\\\'");
    expect(() => soqlName('Contact; DELETE')).toThrow(TypeError);
    expect(soqlName('Account.Name')).toBe('Account.Name');
    expect(inList(['a', 'b'])).toBe("('a','b')");
  });

  it('chunks IN lists by count and size, without duplicates', () => {
    const ids = Array.from({ length: 450 }, (_, i) => `003${String(i).padStart(15, '0')}`);
    const chunks = chunkForIn([...ids, ids[0]!]);
    expect(chunks.map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunks.flat()).toEqual(ids);
  });
});

describe('record cleanup', () => {
  it('strips attributes from nested relationship and sub-query records', () => {
    expect(
      stripAttributes({
        attributes: { type: 'Contact' },
        Id: '003A',
        Account: { attributes: { type: 'Account' }, Name: 'Acme' },
        Tasks: { totalSize: 1, done: true, records: [{ attributes: { type: 'Task' }, Id: '00TA' }] },
      }),
    ).toEqual({
      Id: '003A',
      Account: { Name: 'Acme' },
      Tasks: { totalSize: 1, done: true, records: [{ Id: '00TA' }] },
    });
  });
});

describe('ReplayPosition', () => {
  it('resumes after the last delivered event', () => {
    const p = new ReplayPosition(500);
    p.subscribed(1_000);
    expect(p.replayId).toBe(500);
    expect(p.admit({ replayId: 510, commitTimestamp: 1 })).toBe(true);
    p.delivered(510);
    expect(p.replayId).toBe(510);
  });

  it('turns a -1 subscription without events into a filtered replay of everything', () => {
    const p = new ReplayPosition(-1, 100);
    expect(p.replayId).toBe(-1);
    p.subscribed(10_000);
    expect(p.replayId).toBe(-2);
    // Replayed after a rebuild: older than the first subscribe (minus margin) -> skipped.
    expect(p.admit({ replayId: 1, commitTimestamp: 9_000 })).toBe(false);
    expect(p.replayId).toBe(1);
    expect(p.admit({ replayId: 2, commitTimestamp: 9_950 })).toBe(true);
    p.delivered(2);
    // Once something passed, the position is a real replay id and no filtering applies.
    expect(p.admit({ replayId: 3, commitTimestamp: 0 })).toBe(true);
    p.subscribed(20_000);
    expect(p.replayId).toBe(2);
  });
});

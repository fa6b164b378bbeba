import { BinaryReader, BinaryWriter } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { decodeServerMessage, decodeServerMessagesV3 } from './decode-server-message.js';
import { writeServerMessage } from './encode-server-message.js';
import type { ServerMessage } from './server-message.js';
import { SdkServerMessage } from './testing/sdk-wire-types.js';

const row = (...values: number[]) => new Uint8Array(values);

function encode(message: ServerMessage): Uint8Array {
  const writer = new BinaryWriter(16);
  writeServerMessage(writer, message);
  return writer.getBuffer().slice();
}

/** How the SDK reads our bytes: its own deserializer over its own type declarations. */
function sdkDecode(bytes: Uint8Array): { tag: string; value: Record<string, unknown> } {
  const reader = new BinaryReader(bytes);
  const value = SdkServerMessage.deserialize(reader);
  expect(reader.remaining).toBe(0);
  return value;
}

const concat = (...rows: Uint8Array[]) => new Uint8Array(rows.flatMap((r) => [...r]));
const fixed = (size: number, ...rows: Uint8Array[]) => ({
  sizeHint: { tag: 'FixedSize', value: size },
  rowsData: concat(...rows),
});
const offsets = (...rows: Uint8Array[]) => {
  let at = 0n;
  const starts = rows.map((r) => {
    const start = at;
    at += BigInt(r.length);
    return start;
  });
  return { sizeHint: { tag: 'RowOffsets', value: starts }, rowsData: concat(...rows) };
};

describe('server messages, as the SDK reads them', () => {
  it('InitialConnection carries identity, connection id and token', () => {
    const identity = 0xc200_1234n << 200n;
    const message: ServerMessage = {
      tag: 'InitialConnection',
      identity,
      connectionId: 0x0123_4567_89ab_cdef_0011_2233_4455_6677n,
      token: 'a.b.c',
    };
    const sdk = sdkDecode(encode(message));
    expect(sdk.tag).toBe('InitialConnection');
    const value = sdk.value as {
      identity: { __identity__: bigint };
      connectionId: { __connection_id__: bigint };
      token: string;
    };
    expect(value.identity.__identity__).toBe(identity);
    expect(value.connectionId.__connection_id__).toBe(0x0123_4567_89ab_cdef_0011_2233_4455_6677n);
    expect(value.token).toBe('a.b.c');
    expect(decodeServerMessage(encode(message))).toEqual(message);
  });

  it('SubscribeApplied packs equal-length rows as FixedSize and others with offsets', () => {
    const message: ServerMessage = {
      tag: 'SubscribeApplied',
      requestId: 4,
      querySetId: 2,
      rows: {
        tables: [
          { table: 'point', rows: [row(1, 2), row(3, 4)] },
          { table: 'note', rows: [row(1), row(2, 3, 4), row()] },
          { table: 'empty', rows: [] },
        ],
      },
    };
    expect(sdkDecode(encode(message))).toEqual({
      tag: 'SubscribeApplied',
      value: {
        requestId: 4,
        querySetId: { id: 2 },
        rows: {
          tables: [
            { table: 'point', rows: fixed(2, row(1, 2), row(3, 4)) },
            { table: 'note', rows: offsets(row(1), row(2, 3, 4), row()) },
            { table: 'empty', rows: offsets() },
          ],
        },
      },
    });
    expect(decodeServerMessage(encode(message))).toEqual(message);
  });

  it('UnsubscribeApplied with and without the dropped rows', () => {
    const without: ServerMessage = { tag: 'UnsubscribeApplied', requestId: 1, querySetId: 9 };
    expect(sdkDecode(encode(without)).value).toEqual({ requestId: 1, querySetId: { id: 9 } });
    const withRows: ServerMessage = {
      ...without,
      rows: { tables: [{ table: 't', rows: [row(5)] }] },
    };
    expect(sdkDecode(encode(withRows)).value).toEqual({
      requestId: 1,
      querySetId: { id: 9 },
      rows: { tables: [{ table: 't', rows: fixed(1, row(5)) }] },
    });
    expect(decodeServerMessage(encode(without))).toEqual(without);
    expect(decodeServerMessage(encode(withRows))).toEqual(withRows);
  });

  it('SubscriptionError with and without a request id', () => {
    const applied: ServerMessage = {
      tag: 'SubscriptionError',
      requestId: 3,
      querySetId: 1,
      error: 'no such table',
    };
    const later: ServerMessage = { tag: 'SubscriptionError', querySetId: 1, error: 'gone' };
    expect(sdkDecode(encode(applied)).value).toEqual({
      requestId: 3,
      querySetId: { id: 1 },
      error: 'no such table',
    });
    expect(sdkDecode(encode(later)).value).toEqual({ querySetId: { id: 1 }, error: 'gone' });
    expect(decodeServerMessage(encode(applied))).toEqual(applied);
    expect(decodeServerMessage(encode(later))).toEqual(later);
  });

  it('TransactionUpdate with persistent and event tables in several query sets', () => {
    const message: ServerMessage = {
      tag: 'TransactionUpdate',
      querySets: [
        {
          querySetId: 1,
          tables: [
            {
              tableName: 'user',
              rows: [{ tag: 'PersistentTable', inserts: [row(1, 1)], deletes: [row(1, 0)] }],
            },
            { tableName: 'ping', rows: [{ tag: 'EventTable', events: [row(7), row(8, 8)] }] },
          ],
        },
        { querySetId: 2, tables: [] },
      ],
    };
    expect(sdkDecode(encode(message))).toEqual({
      tag: 'TransactionUpdate',
      value: {
        querySets: [
          {
            querySetId: { id: 1 },
            tables: [
              {
                tableName: 'user',
                rows: [
                  {
                    tag: 'PersistentTable',
                    value: { inserts: fixed(2, row(1, 1)), deletes: fixed(2, row(1, 0)) },
                  },
                ],
              },
              {
                tableName: 'ping',
                rows: [{ tag: 'EventTable', value: { events: offsets(row(7), row(8, 8)) } }],
              },
            ],
          },
          { querySetId: { id: 2 }, tables: [] },
        ],
      },
    });
    expect(decodeServerMessage(encode(message))).toEqual(message);
  });

  it('OneOffQueryResult as rows or as an error', () => {
    const ok: ServerMessage = {
      tag: 'OneOffQueryResult',
      requestId: 5,
      result: { tag: 'ok', value: { tables: [{ table: 't', rows: [row(1)] }] } },
    };
    const err: ServerMessage = {
      tag: 'OneOffQueryResult',
      requestId: 6,
      result: { tag: 'err', value: 'bad' },
    };
    expect(sdkDecode(encode(ok)).value).toEqual({
      requestId: 5,
      result: { ok: { tables: [{ table: 't', rows: fixed(1, row(1)) }] } },
    });
    expect(sdkDecode(encode(err)).value).toEqual({ requestId: 6, result: { err: 'bad' } });
    expect(decodeServerMessage(encode(ok))).toEqual(ok);
    expect(decodeServerMessage(encode(err))).toEqual(err);
  });

  it('ReducerResult in each of its outcomes', () => {
    const base = { tag: 'ReducerResult', requestId: 8, timestamp: 1_700_000_000_000_000n } as const;
    const cases: [ServerMessage, unknown][] = [
      [
        { ...base, result: { tag: 'Ok', retValue: row(), transactionUpdate: { querySets: [] } } },
        { tag: 'Ok', value: { retValue: row(), transactionUpdate: { querySets: [] } } },
      ],
      [
        { ...base, result: { tag: 'OkEmpty' } },
        { tag: 'OkEmpty', value: {} },
      ],
      [
        { ...base, result: { tag: 'Err', error: row(1, 0, 0, 0, 0x21) } },
        { tag: 'Err', value: row(1, 0, 0, 0, 0x21) },
      ],
      [
        { ...base, result: { tag: 'InternalError', message: 'boom' } },
        { tag: 'InternalError', value: 'boom' },
      ],
    ];
    for (const [ours, sdkOutcome] of cases) {
      const sdk = sdkDecode(encode(ours));
      expect(sdk.value).toEqual({
        requestId: 8,
        timestamp: { __timestamp_micros_since_unix_epoch__: 1_700_000_000_000_000n },
        result: sdkOutcome,
      });
      expect(decodeServerMessage(encode(ours))).toEqual(ours);
    }
  });

  it('ProcedureResult returned and failed', () => {
    const returned: ServerMessage = {
      tag: 'ProcedureResult',
      status: { tag: 'Returned', value: row(42, 0, 0, 0) },
      timestamp: 12n,
      totalHostExecutionDurationMicros: 345n,
      requestId: 77,
    };
    expect(sdkDecode(encode(returned)).value).toEqual({
      status: { tag: 'Returned', value: row(42, 0, 0, 0) },
      timestamp: { __timestamp_micros_since_unix_epoch__: 12n },
      totalHostExecutionDuration: { __time_duration_micros__: 345n },
      requestId: 77,
    });
    const failed: ServerMessage = {
      ...returned,
      status: { tag: 'InternalError', message: 'nope' },
    };
    expect(sdkDecode(encode(failed)).value).toMatchObject({
      status: { tag: 'InternalError', value: 'nope' },
    });
    expect(decodeServerMessage(encode(returned))).toEqual(returned);
    expect(decodeServerMessage(encode(failed))).toEqual(failed);
  });

  it('a v3 payload is several messages back to back', () => {
    const a: ServerMessage = { tag: 'SubscriptionError', querySetId: 1, error: 'x' };
    const b: ServerMessage = { tag: 'TransactionUpdate', querySets: [] };
    expect(decodeServerMessagesV3(concat(encode(a), encode(b)))).toEqual([a, b]);
  });

  it('refuses unknown tags and bad row offsets', () => {
    expect(() => decodeServerMessage(row(8))).toThrow(/unknown server message tag 8/);
    // A SubscribeApplied whose one row claims to start at byte 5 of a 1-byte list.
    const bad = concat(
      row(1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0x74),
      row(1, 1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9),
    );
    expect(() => decodeServerMessage(bad)).toThrow(/row offsets 5 do not fit 1 bytes/);
  });
});

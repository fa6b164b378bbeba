import { BinaryWriter } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import type { ClientMessage } from './client-message.js';
import { decodeClientMessage, decodeClientMessagesV3 } from './decode-client-message.js';
import { encodeClientMessage } from './encode-client-message.js';
import { ProtocolError } from './protocol-error.js';
import { SdkClientMessage } from './testing/sdk-wire-types.js';

const bytes = (...values: number[]) => new Uint8Array(values);

/** What the SDK itself puts on the wire for a message, via its own serializer. */
function sdkEncode(message: unknown): Uint8Array {
  const writer = new BinaryWriter(64);
  SdkClientMessage.serialize(writer, message);
  return writer.getBuffer().slice();
}

const MESSAGES: readonly [ClientMessage, unknown][] = [
  [
    {
      tag: 'Subscribe',
      requestId: 7,
      querySetId: 3,
      queryStrings: ['SELECT * FROM a', 'SELECT * FROM ünï'],
    },
    {
      tag: 'Subscribe',
      value: {
        requestId: 7,
        querySetId: { id: 3 },
        queryStrings: ['SELECT * FROM a', 'SELECT * FROM ünï'],
      },
    },
  ],
  [
    { tag: 'Unsubscribe', requestId: 1, querySetId: 2, flags: 'SendDroppedRows' },
    {
      tag: 'Unsubscribe',
      value: { requestId: 1, querySetId: { id: 2 }, flags: { tag: 'SendDroppedRows' } },
    },
  ],
  [
    { tag: 'Unsubscribe', requestId: 4, querySetId: 0, flags: 'Default' },
    {
      tag: 'Unsubscribe',
      value: { requestId: 4, querySetId: { id: 0 }, flags: { tag: 'Default' } },
    },
  ],
  [
    { tag: 'OneOffQuery', requestId: 0xffffffff, queryString: 'SELECT * FROM t' },
    { tag: 'OneOffQuery', value: { requestId: 0xffffffff, queryString: 'SELECT * FROM t' } },
  ],
  [
    { tag: 'CallReducer', requestId: 9, flags: 0, reducer: 'send', args: bytes(1, 2, 3) },
    {
      tag: 'CallReducer',
      value: { requestId: 9, flags: 0, reducer: 'send', args: bytes(1, 2, 3) },
    },
  ],
  [
    { tag: 'CallProcedure', requestId: 10, flags: 0, procedure: 'fetch', args: bytes() },
    { tag: 'CallProcedure', value: { requestId: 10, flags: 0, procedure: 'fetch', args: bytes() } },
  ],
];

describe('client messages', () => {
  it.each(MESSAGES)('decodes what the SDK sends for %o and encodes the same bytes', (ours, sdk) => {
    const wire = sdkEncode(sdk);
    expect(decodeClientMessage(wire)).toEqual(ours);
    expect(encodeClientMessage(ours)).toEqual(wire);
  });

  it('reads several messages from one v3 frame, in order', () => {
    const [a, b] = [MESSAGES[0]![0], MESSAGES[4]![0]];
    const frame = new Uint8Array([...encodeClientMessage(a), ...encodeClientMessage(b)]);
    expect(decodeClientMessagesV3(frame)).toEqual([a, b]);
  });

  const GARBAGE: readonly [string, Uint8Array, RegExp][] = [
    ['an empty frame', bytes(), /unexpected end of message reading u8/],
    ['an unknown tag', bytes(9, 0, 0), /unknown client message tag 9/],
    ['a truncated request id', bytes(2, 1, 0), /unexpected end of message reading u32/],
    [
      'trailing bytes',
      new Uint8Array([...encodeClientMessage(MESSAGES[3]![0]), 0]),
      /1 trailing byte\(s\) after a OneOffQuery/,
    ],
    [
      'a string longer than the frame',
      bytes(2, 0, 0, 0, 0, 200, 0, 0, 0, 65),
      /unexpected end of message reading query/,
    ],
    ['invalid UTF-8', bytes(2, 0, 0, 0, 0, 2, 0, 0, 0, 0xc3, 0x28), /invalid UTF-8 in query/],
    [
      'a reducer flag other than 0',
      bytes(3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
      /invalid call reducer flag 1/,
    ],
    [
      'unknown unsubscribe flags',
      bytes(1, 0, 0, 0, 0, 0, 0, 0, 0, 2),
      /invalid unsubscribe flags tag 2/,
    ],
    [
      'an absurd query count',
      bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f),
      /query_strings: 2147483647 elements cannot fit in 0 bytes/,
    ],
  ];

  it.each(GARBAGE)('refuses %s with a ProtocolError', (_what, frame, message) => {
    expect(() => decodeClientMessage(frame)).toThrow(ProtocolError);
    expect(() => decodeClientMessage(frame)).toThrow(message);
  });

  it('refuses an empty v3 frame and a v3 frame ending mid-message', () => {
    expect(() => decodeClientMessagesV3(bytes())).toThrow(/at least one message/);
    const whole = encodeClientMessage(MESSAGES[0]![0]);
    const cut = new Uint8Array([...whole, ...whole.subarray(0, 5)]);
    expect(() => decodeClientMessagesV3(cut)).toThrow(ProtocolError);
  });
});

import { describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import { encodeClientMessage } from '../../src/protocol/encode-client-message.js';
import { eventually } from '../support/eventually.js';
import { readUser, stringArg, u32Args } from './support/chat-values.js';
import type { RawClient } from './support/raw-client.js';
import { type Of, persistent, useRawSessions } from './support/raw-sessions.js';

const { server, raw } = useRawSessions();

describe('framing', () => {
  it('answers a v3 frame of several messages with one frame of several replies', async () => {
    const s = await server();
    const client = await raw(s);
    const a = encodeClientMessage({
      tag: 'Subscribe',
      requestId: 1,
      querySetId: 1,
      queryStrings: ['SELECT * FROM user'],
    });
    const b = encodeClientMessage({
      tag: 'Subscribe',
      requestId: 2,
      querySetId: 2,
      queryStrings: ['SELECT * FROM blob'],
    });
    const framesBefore = client.frames.length;
    client.sendBytes(new Uint8Array([...a, ...b]));
    await client.next('SubscribeApplied', (m) => m.querySetId === 2);
    expect(client.frames.length - framesBefore).toBe(1);
  });

  it.each([
    ['Gzip', 2],
    ['Brotli', 1],
  ])(
    'compresses large frames with %s (tag %i) and leaves small ones alone',
    async (compression, tag) => {
      const s = await server();
      const client = await raw(s, { query: { compression } });
      expect(client.frames[0]![0]).toBe(0);
      client.send({
        tag: 'CallReducer',
        requestId: 1,
        flags: 0,
        reducer: 'add_blobs',
        args: u32Args(4, 2000),
      });
      await client.next('ReducerResult');
      client.send({
        tag: 'Subscribe',
        requestId: 2,
        querySetId: 1,
        queryStrings: ['SELECT * FROM blob'],
      });
      const applied = await client.next('SubscribeApplied');
      expect(applied.rows.tables[0]!.rows).toHaveLength(4);
      expect(client.frames.at(-1)![0]).toBe(tag);
    },
  );
});

describe('misbehaving clients', () => {
  const CASES: [string, (c: RawClient) => void, number, RegExp][] = [
    [
      'an unknown message tag',
      (c) => c.sendBytes(new Uint8Array([9, 1, 2, 3])),
      1011,
      /unknown client message tag 9/,
    ],
    [
      'a truncated message',
      (c) => c.sendBytes(new Uint8Array([3, 1])),
      1011,
      /unexpected end of message/,
    ],
    [
      'an empty frame',
      (c) => c.sendBytes(new Uint8Array(0)),
      1011,
      /at least one message|unexpected end/,
    ],
    ['a text frame', (c) => c.socket.send('hello'), 1011, /does not support text messages/],
    [
      'a reducer flag other than 0',
      (c) => c.sendBytes(new Uint8Array([3, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0])),
      1011,
      /invalid call reducer flag 5/,
    ],
    // `ws` closes with 1009 (message too big) itself, without a reason text.
    ['a frame over the size limit', (c) => c.sendBytes(new Uint8Array(4096)), 1009, /^$/],
  ];

  it.each(CASES)(
    'closes the connection on %s, runs clientDisconnected, and keeps serving others',
    async (_what, misbehave, code, reason) => {
      const s = await server({ realtime: { maxIncomingBytes: 1024 } });
      const bystander = await raw(s);
      bystander.send({
        tag: 'Subscribe',
        requestId: 1,
        querySetId: 1,
        queryStrings: ['SELECT * FROM user'],
      });
      await bystander.next('SubscribeApplied');
      const offender = await raw(s);
      const offenderId = (offender.messages[0] as Of<'InitialConnection'>).identity;
      misbehave(offender);
      const closed = await offender.closed;
      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
      await eventually(() => {
        const offline = bystander.messages
          .filter((m): m is Of<'TransactionUpdate'> => m.tag === 'TransactionUpdate')
          .flatMap((m) =>
            m.querySets.flatMap((q) =>
              q.tables.flatMap((t) => persistent(t).inserts.map(readUser)),
            ),
          )
          .find((u) => u.identity === offenderId && !u.online);
        expect(offline).toBeDefined();
      });
      bystander.send({
        tag: 'CallReducer',
        requestId: 2,
        flags: 0,
        reducer: 'set_name',
        args: stringArg('still here'),
      });
      expect((await bystander.next('ReducerResult')).result.tag).toBe('Ok');
      expect(s.errors).toEqual([]);
      expect(identityToHex(offenderId)).toMatch(/^c200/);
    },
  );
});

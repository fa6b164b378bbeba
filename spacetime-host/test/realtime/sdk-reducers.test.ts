import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { DB_NAME } from './support/realtime-test-server.js';
import { type SdkClient, subscribeSdk } from './support/sdk-client.js';
import { useSdkHarness } from './support/sdk-harness.js';

const { server, client } = useSdkHarness();

const texts = (c: SdkClient) => [...c.conn.db.message.iter()].map((m) => m.text).sort();

describe('reducers and subscriptions through the official SDK', () => {
  it.each([
    ['gzip', true],
    ['none', false],
  ] as const)(
    "a reducer call updates the caller's and another client's cache exactly once (%s, confirmed reads %s)",
    async (compression, confirmedReads) => {
      const s = await server();
      const alice = await client(s, { compression, confirmedReads });
      const bob = await client(s, { compression, confirmedReads });
      await subscribeSdk(alice, ['SELECT * FROM message']);
      await subscribeSdk(bob, ['SELECT * FROM message']);
      const bobSaw: string[] = [];
      bob.conn.db.message.onInsert((ctx, row) => bobSaw.push(`${ctx.event.tag}:${row.text}`));
      const aliceSaw: string[] = [];
      alice.conn.db.message.onInsert((ctx, row) => aliceSaw.push(`${ctx.event.tag}:${row.text}`));

      await alice.conn.reducers.sendMessage({ text: 'hello' });
      // The caller's cache holds the row as soon as its call resolves, from its ReducerResult.
      expect(texts(alice)).toEqual(['hello']);
      expect(aliceSaw).toEqual(['Reducer:hello']);
      await eventually(() => expect(bobSaw).toEqual(['Transaction:hello']));
      expect(texts(bob)).toEqual(['hello']);
    },
  );

  it('fills a late subscriber from the current state, and large initial rows arrive compressed intact', async () => {
    const s = await server();
    const writer = await client(s);
    await writer.conn.reducers.addBlobs({ count: 50, size: 4000 });
    const reader = await client(s, { compression: 'gzip' });
    await subscribeSdk(reader, ['SELECT * FROM blob']);
    const blobs = [...reader.conn.db.blob.iter()];
    expect(blobs).toHaveLength(50);
    expect(blobs.every((b) => b.data === 'x'.repeat(4000))).toBe(true);
  });

  it("rejects the caller's promise with the SenderError message and changes nothing", async () => {
    const s = await server();
    const alice = await client(s);
    await subscribeSdk(alice, ['SELECT * FROM message']);
    await expect(alice.conn.reducers.sendMessage({ text: '' })).rejects.toThrow(
      'Messages must not be empty',
    );
    await expect(alice.conn.reducers.crash({})).rejects.toThrow(/the reducer crashed/);
    expect(texts(alice)).toEqual([]);
    await alice.conn.reducers.sendMessage({ text: 'after the failures' });
    expect(texts(alice)).toEqual(['after the failures']);
  });

  it('calls procedures and returns their values; their commits reach subscribers', async () => {
    const s = await server();
    const alice = await client(s);
    const bob = await client(s);
    await subscribeSdk(bob, ['SELECT * FROM message']);
    expect(await alice.conn.procedures.add({ a: 2, b: 40 })).toBe(42);
    expect(await alice.conn.procedures.postCounted({ text: 'via procedure' })).toBe(1n);
    await eventually(() => expect(texts(bob)).toEqual(['via procedure']));
  });

  it('unsubscribing drops the rows from the cache; a bad query reports a subscription error', async () => {
    const s = await server();
    const alice = await client(s);
    await alice.conn.reducers.sendMessage({ text: 'one' });
    const handle = await subscribeSdk(alice, ['SELECT * FROM message']);
    expect(texts(alice)).toEqual(['one']);
    await new Promise<void>((resolve) => handle.unsubscribeThen(resolve));
    expect(texts(alice)).toEqual([]);
    await expect(subscribeSdk(alice, ['SELECT * FROM nowhere'])).rejects.toThrow(/nowhere/);
    await expect(subscribeSdk(alice, ['SELECT * FROM banned'])).rejects.toThrow(/private/);
  });

  it('overlapping query sets keep a row until the last one lets go', async () => {
    const s = await server();
    const alice = await client(s);
    await alice.conn.reducers.sendMessage({ text: 'shared' });
    const first = await subscribeSdk(alice, ['SELECT * FROM message']);
    const second = await subscribeSdk(alice, ['SELECT * FROM message']);
    expect(texts(alice)).toEqual(['shared']);
    await new Promise<void>((resolve) => first.unsubscribeThen(resolve));
    expect(texts(alice)).toEqual(['shared']);
    await alice.conn.reducers.sendMessage({ text: 'later' });
    expect(texts(alice)).toEqual(['later', 'shared']);
    await new Promise<void>((resolve) => second.unsubscribeThen(resolve));
    expect(texts(alice)).toEqual([]);
  });

  it('delivers event-table rows to onInsert without storing them', async () => {
    const s = await server();
    const alice = await client(s);
    const bob = await client(s);
    await subscribeSdk(bob, ['SELECT * FROM ping']);
    const pings: string[] = [];
    bob.conn.db.ping.onInsert((_ctx, row) => pings.push(row.text));
    await alice.conn.reducers.emitPing({ text: 'boop' });
    await eventually(() => expect(pings).toEqual(['boop']));
    expect(Number(bob.conn.db.ping.count())).toBe(0);
  });

  it('reports transactions of scheduled reducers to every subscriber, the scheduling client included', async () => {
    const s = await server();
    const alice = await client(s);
    const bob = await client(s);
    await subscribeSdk(alice, ['SELECT * FROM message']);
    await subscribeSdk(bob, ['SELECT * FROM message']);
    await alice.conn.reducers.scheduleMessage({ text: 'from the scheduler' });
    await eventually(() => expect(texts(bob)).toEqual(['from the scheduler']));
    await eventually(() => expect(texts(alice)).toEqual(['from the scheduler']));
  });

  it('reports changes made over HTTP (calls and SQL) to SDK clients', async () => {
    const s = await server();
    const bob = await client(s);
    await subscribeSdk(bob, ['SELECT * FROM message']);
    const response = await fetch(`${s.url}/v1/database/${DB_NAME}/call/send_message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(['from curl']),
    });
    expect(response.status).toBe(200);
    await eventually(() => expect(texts(bob)).toEqual(['from curl']));
    await s.database().sql("UPDATE message SET text = 'edited'", {
      identity: s.database().owner,
      connectionId: 0n,
    });
    await eventually(() => expect(texts(bob)).toEqual(['edited']));
  });
});

// Many official SDK clients at once: a reconnect storm while rows are being
// written, and thousands of subscriptions on a few connections. Every wait
// polls for a condition; the give-up limits only decide when a test fails.
import { describe, expect, it } from 'vitest';
import type { SubscriptionEngine } from '../../src/subscription/subscription-engine.js';
import { eventually } from '../support/eventually.js';
import type { ChatSubscriptionHandle } from './support/chat-connection.js';
import { DB_NAME, type RealtimeTestServer } from './support/realtime-test-server.js';
import { connectSdk, type SdkClient, subscribeSdk } from './support/sdk-client.js';
import { useSdkHarness } from './support/sdk-harness.js';

const ADMIN = { identity: 0n, connectionId: 0n };
const GIVE_UP_MS = 60_000;

const harness = useSdkHarness();
const server = harness.server;
const client = (s: RealtimeTestServer, token?: string) =>
  harness.client(s, { compression: 'none', ...(token === undefined ? {} : { token }) });

/** The ids of the `message` rows in a client's cache, in id order. */
const cachedIds = (c: SdkClient) =>
  [...c.conn.db.message.iter()].map((row) => row.id).sort(byValue);

function byValue(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ids of the `message` rows the database holds, in id order. */
async function tableIds(s: RealtimeTestServer): Promise<bigint[]> {
  const [result] = await s.database().sql('SELECT id FROM message', ADMIN);
  return result!.rows.map((row) => BigInt((row as [bigint | number])[0])).sort(byValue);
}

function unsubscribed(handle: ChatSubscriptionHandle): Promise<void> {
  return new Promise((resolve) => handle.unsubscribeThen(() => resolve()));
}

const engineOf = (s: RealtimeTestServer) => s.engines[0] as unknown as SubscriptionEngine;

describe('load with the official SDK', () => {
  it('survives a reconnect storm while rows are written: every cache ends equal to the table', async () => {
    const s = await server();
    const writer = await client(s);
    // Writes until the storm is over (and at least 100 rows), so they overlap it.
    let stormOver = false;
    let written = 0;
    const writing = (async () => {
      while (!stormOver || written < 100) {
        await writer.conn.reducers.sendMessage({ text: `m${written}` });
        written++;
      }
    })();

    const CLIENTS = 50;
    const RECONNECTS = 3;
    const storm = Array.from({ length: CLIENTS }, async () => {
      let token: string | undefined;
      for (let round = 0; round < RECONNECTS; round++) {
        const c = await connectSdk(s.url, DB_NAME, {
          compression: 'none',
          ...(token === undefined ? {} : { token }),
        });
        token = c.token;
        await subscribeSdk(c, ['SELECT * FROM message']);
        c.conn.disconnect();
        await c.disconnected;
      }
      const last = await client(s, token);
      const inserted: bigint[] = [];
      last.conn.db.message.onInsert((_ctx, row) => inserted.push(row.id));
      await subscribeSdk(last, ['SELECT * FROM message']);
      return { client: last, inserted };
    });
    const live = await Promise.all(storm);
    stormOver = true;
    const writtenDuringStorm = written;
    await writing;
    expect(writtenDuringStorm).toBeGreaterThan(0);

    const ids = await tableIds(s);
    expect(ids).toHaveLength(written);
    for (const { client: c, inserted } of live) {
      await eventually(() => expect(cachedIds(c)).toEqual(ids), GIVE_UP_MS);
      // No row twice: the cache holds as many rows as ids, and each arrived once.
      expect(Number(c.conn.db.message.count())).toBe(ids.length);
      expect([...inserted].sort(byValue)).toEqual(ids);
    }
    // The writer plus the 50 that stayed; every storm connection was let go.
    await eventually(() => expect(s.realtime.connectionCount()).toBe(CLIENTS + 1), GIVE_UP_MS);
    const online = await s.database().sql('SELECT * FROM user WHERE online = true', ADMIN);
    expect(online[0]!.rows).toHaveLength(CLIENTS + 1);
    expect(s.errors).toEqual([]);
  }, 120_000);

  it('routes one commit to only the subscribers of 2,000 queries it affects, and forgets them all on unsubscribe', async () => {
    const s = await server();
    const CONNECTIONS = 4;
    const SETS_PER_CONNECTION = 10;
    const QUERIES_PER_SET = 50;
    const subscribers = await Promise.all(Array.from({ length: CONNECTIONS }, () => client(s)));
    const caller = await client(s);
    const received = subscribers.map(() => [] as string[]);
    subscribers.forEach((c, i) => {
      c.conn.db.message.onInsert((_ctx, row) => received[i]!.push(row.text));
    });

    // Query n (0..1999) matches the text `q<n>`; connection i holds n / 500 === i.
    const handles: ChatSubscriptionHandle[] = [];
    for (const [i, c] of subscribers.entries()) {
      for (let set = 0; set < SETS_PER_CONNECTION; set++) {
        const first = (i * SETS_PER_CONNECTION + set) * QUERIES_PER_SET;
        const queries = Array.from(
          { length: QUERIES_PER_SET },
          (_, k) => `SELECT * FROM message WHERE text = 'q${first + k}'`,
        );
        handles.push(await subscribeSdk(c, queries));
      }
      // Every connection sees this one: once it arrives, anything before it has too.
      handles.push(await subscribeSdk(c, ["SELECT * FROM message WHERE text = 'barrier'"]));
    }
    const engine = engineOf(s);
    expect(engine.activeQueries).toBe(CONNECTIONS * SETS_PER_CONNECTION * QUERIES_PER_SET + 1);

    const before = engine.stats.deliveries;
    await caller.conn.reducers.sendMessage({ text: 'q1234' });
    await caller.conn.reducers.sendMessage({ text: 'barrier' });
    await eventually(
      () => expect(received.every((texts) => texts.includes('barrier'))).toBe(true),
      GIVE_UP_MS,
    );
    // q1234 is in connection 2's range (1000..1499) only.
    expect(received).toEqual([['barrier'], ['barrier'], ['q1234', 'barrier'], ['barrier']]);
    // One delivery for q1234, one per connection for the barrier.
    expect(engine.stats.deliveries - before).toBe(1 + CONNECTIONS);

    await Promise.all(handles.map(unsubscribed));
    expect(engine.activeQueries).toBe(0);
    // The rows the subscriptions held left the caches with them.
    for (const c of subscribers) expect(Number(c.conn.db.message.count())).toBe(0);
    expect(s.errors).toEqual([]);
  }, 120_000);
});

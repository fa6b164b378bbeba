import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dirs.js';
import {
  DB_NAME,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';
import { connectSdk, type SdkClient, subscribeSdk } from './support/sdk-client.js';

const tempDir = useTempDirs();
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const messages = (c: SdkClient) =>
  [...c.conn.db.message.iter()].map((m) => ({ id: m.id, text: m.text }));

async function connect(s: RealtimeTestServer, token?: string): Promise<SdkClient> {
  const client = await connectSdk(s.url, DB_NAME, token === undefined ? {} : { token });
  cleanup.push(() => client.conn.disconnect());
  return client;
}

describe('a host restart', () => {
  it('loses and duplicates nothing: a client reconnecting with its token resubscribes to exactly what committed', async () => {
    const dataDir = await tempDir();
    const first: RealtimeTestServer = await startRealtimeServer(dataDir);
    const port = first.port;
    const alice = await connect(first);
    await subscribeSdk(alice, ['SELECT * FROM message']);
    for (let i = 0; i < 20; i++) await alice.conn.reducers.sendMessage({ text: `before ${i}` });
    const seenBefore = messages(alice);
    expect(seenBefore).toHaveLength(20);
    await first.close();
    await alice.disconnected;

    const second = await startRealtimeServer(dataDir, { port });
    cleanup.push(() => second.close());
    const again = await connect(second, alice.token);
    expect(again.identityHex).toBe(alice.identityHex);
    await subscribeSdk(again, ['SELECT * FROM message']);
    expect(messages(again).sort((a, b) => Number(a.id - b.id))).toEqual(
      seenBefore.sort((a, b) => Number(a.id - b.id)),
    );

    await again.conn.reducers.sendMessage({ text: 'after' });
    const after = messages(again);
    expect(after).toHaveLength(21);
    expect(new Set(after.map((m) => m.id)).size).toBe(21);
    expect(after.filter((m) => m.text === 'after')).toHaveLength(1);
  });
});

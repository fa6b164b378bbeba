// A host on a ManualClock, through the official SDK: reducers, commits and the
// scheduler take the test's time, and a schedule runs when the test moves it.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/testing.js';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
import {
  DB_NAME,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';
import { connectSdk, type SdkClient, subscribeSdk } from './support/sdk-client.js';

const START = 1_900_000_000_000_000n;
const tempDir = useTempDirs();
const open: (SdkClient | RealtimeTestServer)[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) {
    if ('conn' in item) item.conn.disconnect();
    else await item.close();
  }
});

async function onClock() {
  const clock = new ManualClock(START);
  const server = await startRealtimeServer(await tempDir(), { clock });
  open.push(server);
  const client = async () => {
    const connected = await connectSdk(server.url, DB_NAME);
    open.push(connected);
    await subscribeSdk(connected, ['SELECT * FROM message']);
    return connected;
  };
  return { clock, server, client };
}

const sent = (client: SdkClient) =>
  [...client.conn.db.message.iter()].map((m) => [m.text, m.sent.microsSinceUnixEpoch - START]);

describe('a host on a ManualClock', () => {
  it('gives reducers the clock’s time, whatever the wall clock says', async () => {
    const { clock, client } = await onClock();
    const alice = await client();
    await alice.conn.reducers.sendMessage({ text: 'at the start' });
    clock.advance(90_000);
    await alice.conn.reducers.sendMessage({ text: 'ninety seconds on' });
    expect(sent(alice)).toEqual([
      ['at the start', 0n],
      ['ninety seconds on', 90_000_000n],
    ]);
  });

  it('runs a schedule only once the clock reaches it, with its own time, for every client', async () => {
    const { clock, client } = await onClock();
    const alice = await client();
    const bob = await client();
    // Due 1 ms after the call's timestamp.
    await alice.conn.reducers.scheduleMessage({ text: 'later' });
    // Long enough for a wall-clock timer of 1 ms to have fired, had the host used one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A refused call answers after every earlier update: a barrier.
    await expect(alice.conn.reducers.setName({ name: '' })).rejects.toThrow();
    expect(sent(alice)).toEqual([]);
    clock.advance(3_600_000);
    for (const c of [alice, bob])
      await eventually(() => expect(sent(c)).toEqual([['later', 1_000n]]));
  });

  it('reports its time at /unstable/timestamp', async () => {
    const { clock, server } = await onClock();
    const read = async () => {
      const response = await fetch(`${server.url}/v1/database/${DB_NAME}/unstable/timestamp`);
      return JSON.parse(await response.text()).__timestamp_micros_since_unix_epoch__;
    };
    expect(BigInt(await read())).toBe(START);
    clock.advance(5_000);
    expect(BigInt(await read())).toBe(START + 5_000_000n);
  });
});

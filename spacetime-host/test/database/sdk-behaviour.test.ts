import { afterEach, describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import { ManualClock } from '../../src/clock/manual-clock.js';
import { ConnectionRejectedError } from '../../src/database/database-errors.js';
import { Host } from '../../src/database/host.js';
import { eventually } from '../support/eventually.js';
import {
  ALICE,
  asOwner,
  BOB,
  OWNER,
  publishSdkModule,
  type SdkDatabase,
  sdkDatabase,
} from '../support/sdk-database.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs();
const open: Host[] = [];
afterEach(async () => {
  for (const host of open.splice(0)) await host.close();
});
async function fresh(dataDir?: string): Promise<SdkDatabase> {
  const sdk = await publishSdkModule(dataDir ?? (await tempDir()));
  open.push(sdk.host);
  return sdk;
}

const connectionHex = (id: bigint) => id.toString(16).padStart(32, '0');

describe('lifecycle reducers and callers', () => {
  it('ran init as the publisher', async () => {
    const sdk = await fresh();
    expect(sdk.events()).toEqual([['init', identityToHex(OWNER)]]);
  });

  it('sees the connection, its JWT and the database identity in reducers', async () => {
    const sdk = await fresh();
    const alice = {
      identity: ALICE,
      connectionId: 42n,
      jwtPayload: '{"iss":"https://issuer","sub":"alice"}',
    };
    await sdk.db.connect(alice);
    await sdk.call('whoami', {}, alice);
    await sdk.db.disconnect(alice);
    const [, connected, whoami, disconnected] = sdk.events();
    expect(connected).toEqual(['connected', 'alice']);
    const [sender, connection, subject, database, micros] = whoami![1].split(' ');
    expect([whoami![0], sender, connection, subject, database]).toEqual([
      'whoami',
      identityToHex(ALICE),
      connectionHex(42n),
      'alice',
      identityToHex(sdk.db.identity),
    ]);
    expect(BigInt(micros!)).toBeGreaterThan(1_700_000_000_000_000n);
    expect(disconnected).toEqual(['disconnected', connectionHex(42n)]);
  });

  it('refuses a connection the module rejects, leaving no trace', async () => {
    const sdk = await fresh();
    const blocked = { identity: BOB, connectionId: 9n, jwtPayload: '{"sub":"blocked"}' };
    await expect(sdk.db.connect(blocked)).rejects.toThrow(
      new ConnectionRejectedError('this subject may not connect'),
    );
    expect(sdk.events().map(([kind]) => kind)).toEqual(['init']);
  });

  it('gives every call deterministic randomness and fresh UUIDs', async () => {
    const sdk = await fresh();
    await sdk.call('random_values');
    const [v4, v7, random] = sdk.events()[1]![1].split(' ');
    expect(v4).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(v7).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(random)).toBeGreaterThanOrEqual(0);
    expect(Number(random)).toBeLessThan(1);
  });

  it('counts and clears a table', async () => {
    const sdk = await fresh();
    await sdk.call('whoami');
    await sdk.call('clear_events');
    expect(sdk.events()).toEqual([['cleared', '2 2']]);
  });

  it('logs at every console level, with timers', async () => {
    const sdk = await fresh();
    await sdk.call('log_everything');
    const logs = sdk.db.logs().filter((l) => l.function === 'log_everything');
    expect(logs.map((l) => [l.level, l.message.replace(/[\d.]+(ns|µs|ms|s)$/, '<t>')])).toEqual([
      ['error', 'an error'],
      ['warn', 'a warning'],
      ['info', 'some info'],
      ['debug', 'a debug line'],
      ['trace', 'a trace line'],
      ['info', 'Timing span "timer": <t>'],
    ]);
    expect(logs[0]).toMatchObject({ filename: 'spacetimedb_module' });
    expect(logs[0]!.lineNumber).toBeGreaterThan(0);
  });
});

describe('views', () => {
  it('answers a per-sender view for each caller', async () => {
    const sdk = await fresh();
    await sdk.call('set_name', { name: 'Alice' }, { identity: ALICE, connectionId: 0n });
    await sdk.call('set_name', { name: 'Alice B.' }, { identity: ALICE, connectionId: 0n });
    expect(sdk.db.callView('my_user', { identity: ALICE, connectionId: 0n })).toEqual([
      sdk.row('users', {
        identity: { __identity__: `0x${identityToHex(ALICE)}` },
        name: 'Alice B.',
      }),
    ]);
    expect(sdk.db.callView('my_user', { identity: BOB, connectionId: 0n })).toEqual([]);
  });

  it('answers anonymous views returning rows and returning a query', async () => {
    const sdk = await fresh();
    for (let i = 0; i < 4; i++) await sdk.call('whoami');
    const recent = sdk.db
      .callView('recent_events', asOwner)
      .map((row) => sdk.decode('events', row) as unknown[]);
    expect(recent.map((row) => row[0])).toEqual([5n, 4n, 3n]);
    const init = sdk.db
      .callView('init_events', asOwner)
      .map((row) => sdk.decode('events', row) as unknown[]);
    expect(init.map((row) => row[1])).toEqual(['init']);
  });

  it('lets SQL read a view as its caller sees it', async () => {
    const sdk = await fresh();
    await sdk.call('set_name', { name: 'Alice' }, { identity: ALICE, connectionId: 0n });
    const [result] = await sdk.db.sql('SELECT name FROM my_user', {
      identity: ALICE,
      connectionId: 0n,
    });
    expect(result!.rows).toEqual([['Alice']]);
  });
});

describe('procedures', () => {
  it('commits its own transaction and returns a value', async () => {
    const sdk = await fresh();
    const outcome = await sdk.db.callProcedure(
      'add_event',
      new Uint8Array([3, 0, 0, 0, 0x61, 0x62, 0x63]),
      asOwner,
    );
    expect(outcome).toMatchObject({
      status: 'returned',
      value: Uint8Array.of(2, 0, 0, 0, 0, 0, 0, 0),
    });
    expect(sdk.events().at(-1)).toEqual(['procedure', 'abc']);
  });

  it('keeps the transactions it committed before failing', async () => {
    const sdk = await fresh();
    const outcome = await sdk.db.callProcedure('half_done', new Uint8Array(0), asOwner);
    expect(outcome).toMatchObject({ status: 'internal-error', message: 'Error: gave up halfway' });
    expect(sdk.events().filter(([kind]) => kind === 'procedure')).toEqual([['procedure', 'first']]);
  });
});

describe('schedules', () => {
  const reminders = (sdk: SdkDatabase) => sdk.events().filter(([kind]) => kind === 'reminder');

  it('runs a one-shot reminder and deletes its row', async () => {
    // On a clock that stands still, "not yet run" cannot race a busy machine.
    const clock = new ManualClock();
    const dataDir = await tempDir();
    const host = await Host.open({ dataDir, clock });
    open.push(host);
    const sdk = await publishSdkModule(dataDir, host);
    await sdk.call('schedule_reminder', { text: 'soon', delay_micros: 10_000n });
    clock.advance(9);
    expect(reminders(sdk)).toEqual([]);
    expect(sdk.rows('reminders')).toHaveLength(1);
    clock.advance(1);
    await eventually(() => expect(reminders(sdk)).toEqual([['reminder', 'soon']]));
    expect(sdk.rows('reminders')).toEqual([]);
  });

  it('repeats an interval reminder until it is cancelled', async () => {
    const sdk = await fresh();
    await sdk.call('schedule_repeating', { text: 'tick', every_micros: 5_000n });
    await eventually(() => expect(reminders(sdk).length).toBeGreaterThanOrEqual(3));
    await sdk.call('cancel_reminder', { id: 1n });
    expect(sdk.rows('reminders')).toEqual([]);
    // A second interval acts as a clock: while it ticks three more times, the cancelled one stays silent.
    const ticks = reminders(sdk).length;
    await sdk.call('schedule_repeating', { text: 'clock', every_micros: 5_000n });
    await eventually(() =>
      expect(reminders(sdk).filter(([, text]) => text === 'clock').length).toBeGreaterThanOrEqual(
        3,
      ),
    );
    expect(reminders(sdk).filter(([, text]) => text === 'tick').length).toBe(ticks);
  });

  it('re-arms schedules from the table after a restart', async () => {
    const dataDir = await tempDir();
    const first = await publishSdkModule(dataDir);
    await first.call('schedule_repeating', { text: 'tick', every_micros: 5_000n });
    await eventually(() => expect(reminders(first).length).toBeGreaterThanOrEqual(1));
    await first.host.close();
    const reopened = await Host.open({ dataDir });
    open.push(reopened);
    const second = sdkDatabase(reopened);
    const before = reminders(second).length;
    await eventually(() => expect(reminders(second).length).toBeGreaterThanOrEqual(before + 2));
    expect(second.rows('reminders')).toHaveLength(1);
  });
});

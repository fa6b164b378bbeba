import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock/clock.js';
import { ManualClock } from '../../src/clock/manual-clock.js';
import { nowMicros } from '../../src/clock/wall-clock.js';
import { Database } from '../../src/database/database.js';
import { eventually } from '../support/eventually.js';
import { fakeServices } from '../support/fake-services.js';
import { probeModule } from '../support/probe-module.js';
import { buildSchema, SCHEDULE_AT, U32, U64 } from '../support/test-schema.js';

const OWNER = 0x0123n;
const DB = 0xdb02n;
const ROW: [string, typeof U64][] = [
  ['scheduled_id', U64],
  ['scheduled_at', SCHEDULE_AT],
  ['n', U32],
];
const schema = buildSchema({
  tables: [
    {
      name: 'timers',
      columns: ROW,
      indexes: [{ name: 'timers_scheduled_id_idx_btree', columns: [0], unique: true }],
      schedule: { reducerId: 1, scheduledAtColumn: 1, idColumn: 0 },
    },
  ],
  reducers: [
    { name: 'add_timer', params: ROW },
    { name: 'tick', private: true, params: [['arg', { tag: 'Product', value: { elements: [] } }]] },
    { name: 'cancel', params: [['id', U64]] },
  ],
});
const timersTable = {
  name: 'timers',
  indexes: [
    {
      name: 'timers_scheduled_id_idx_btree',
      from: 0,
      to: 8,
      unique: true,
      algorithm: 'btree' as const,
    },
  ],
};
const body = `
  if (ctx.id === 0) return void sys.datastore_insert_bsatn(0, bufferOf(args), args.length);
  if (ctx.id === 2) return void sys.datastore_delete_by_index_scan_point_bsatn(0, bufferOf(args), 8);
  const view = new DataView(args.buffer, args.byteOffset);
  const n = view.getUint32(17, true);
  report(['tick', Number(view.getBigUint64(0, true)), n, ctx.sender, ctx.timestamp]);
  if (n === 666) throw new Error('tick failed');
`;

/** A timers row: id, ScheduleAt (0 = Interval, 1 = Time) and a payload. */
function timerRow(id: bigint, at: { interval: bigint } | { time: bigint }, n: number): Uint8Array {
  const row = new Uint8Array(21);
  const view = new DataView(row.buffer);
  view.setBigUint64(0, id, true);
  view.setUint8(8, 'interval' in at ? 0 : 1);
  view.setBigInt64(9, 'interval' in at ? at.interval : at.time, true);
  view.setUint32(17, n, true);
  return row;
}

const open: Database[] = [];
afterEach(async () => {
  for (const database of open.splice(0)) await database.close();
});

async function create(clock?: Clock) {
  const services = fakeServices(schema, [timersTable]);
  const database = await Database.create(
    {
      identity: DB,
      owner: OWNER,
      names: [],
      dir: '/x',
      program: probeModule(body),
      moduleHash: 'h',
      services,
      ...(clock !== undefined && { clock }),
    },
    OWNER,
  );
  open.push(database);
  const ticks = () =>
    database
      .logs()
      .filter((l) => l.message.startsWith('REPORT '))
      .map((l) => JSON.parse(l.message.slice(7)) as [string, number, number, string, string]);
  const rows = () => services.datastores[0]!.committed.rowCount(0);
  const call = (name: string, args: Uint8Array) =>
    database.callReducer(name, args, { identity: OWNER, connectionId: 0n });
  return { database, ticks, rows, call };
}

describe('scheduled reducers', () => {
  it('runs a one-shot row with the row as argument and the database as sender, then deletes it', async () => {
    const { ticks, rows, call } = await create();
    const at = nowMicros() + 20_000n;
    expect((await call('add_timer', timerRow(1n, { time: at }, 7))).status).toBe('committed');
    expect(rows()).toBe(1);
    await eventually(() => expect(rows()).toBe(0));
    const [tick] = ticks();
    expect(tick?.slice(0, 4)).toEqual(['tick', 1, 7, `${DB}n`]);
    expect(BigInt(tick![4].slice(0, -1))).toBeGreaterThanOrEqual(at);
  });

  it('deletes a one-shot row even when its reducer fails', async () => {
    const { ticks, rows, call, database } = await create();
    await call('add_timer', timerRow(2n, { time: nowMicros() }, 666));
    await eventually(() => expect(rows()).toBe(0));
    expect(ticks()).toHaveLength(1);
    expect(database.logs().some((l) => l.level === 'panic' && l.function === 'tick')).toBe(true);
  });

  it('repeats an interval row until it is deleted', async () => {
    const { ticks, rows, call } = await create();
    await call('add_timer', timerRow(3n, { interval: 5_000n }, 1));
    await call('add_timer', timerRow(4n, { interval: 5_000n }, 2));
    await eventually(() =>
      expect(ticks().filter((t) => t[1] === 3).length).toBeGreaterThanOrEqual(3),
    );
    expect(rows()).toBe(2);
    const idBytes = new Uint8Array(8);
    new DataView(idBytes.buffer).setBigUint64(0, 3n, true);
    await call('cancel', idBytes);
    const cancelledAt = ticks().filter((t) => t[1] === 3).length;
    // The other interval keeps time: three more of its ticks, and the cancelled one never came back.
    const other = ticks().filter((t) => t[1] === 4).length;
    await eventually(() =>
      expect(ticks().filter((t) => t[1] === 4).length).toBeGreaterThanOrEqual(other + 3),
    );
    expect(ticks().filter((t) => t[1] === 3).length).toBe(cancelledAt);
  });

  it('refuses a row scheduled further ahead than SpacetimeDB allows', async () => {
    const { rows, call } = await create();
    const threeYears = 3n * 365n * 24n * 3600n * 1_000_000n;
    const outcome = await call('add_timer', timerRow(5n, { time: nowMicros() + threeYears }, 1));
    expect(outcome).toMatchObject({ status: 'internal-error' });
    expect(outcome.status !== 'committed' && outcome.message).toMatch(
      /Errno13: Specified delay in scheduling row was too long/,
    );
    expect(rows()).toBe(0);
  });
});

describe('scheduled reducers on a ManualClock', () => {
  const SECOND = 1_000_000n;
  const START = 1_800_000_000n * SECOND;
  const idOf = (id: bigint) => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, id, true);
    return bytes;
  };
  /** The ticks' ids and timestamps (seconds after START). */
  const seen = (ticks: () => [string, number, number, string, string][]) =>
    ticks().map((t) => [t[1], (BigInt(t[4].slice(0, -1)) - START) / SECOND]);

  it('runs a one-shot row once the clock passes its time, with that time as its timestamp', async () => {
    const clock = new ManualClock(START);
    const { ticks, rows, call } = await create(clock);
    await call('add_timer', timerRow(1n, { time: START + 30n * SECOND }, 1));
    clock.advance(29_999);
    expect(ticks()).toEqual([]);
    expect(rows()).toBe(1);
    clock.advance(3_600_000);
    expect(seen(ticks)).toEqual([[1, 30n]]);
    expect(rows()).toBe(0);
    clock.advance(3_600_000);
    expect(ticks()).toHaveLength(1);
  });

  it('gives reducer calls and commits the clock’s time', async () => {
    const clock = new ManualClock(START);
    const { database, call } = await create(clock);
    clock.advance(5_000);
    const outcome = await call('add_timer', timerRow(2n, { time: START + 60n * SECOND }, 1));
    expect(outcome.status === 'committed' && outcome.changes.timestamp).toBe(START + 5n * SECOND);
    expect(database.logs().every((log) => log.ts <= START + 5n * SECOND)).toBe(true);
  });

  it('runs an interval row once per interval the clock passes, until it is cancelled', async () => {
    const clock = new ManualClock(START);
    const { ticks, rows, call } = await create(clock);
    await call('add_timer', timerRow(3n, { interval: 10n * SECOND }, 1));
    clock.advance(9_000);
    expect(ticks()).toEqual([]);
    clock.advance(26_000);
    expect(seen(ticks)).toEqual([
      [3, 10n],
      [3, 20n],
      [3, 30n],
    ]);
    await call('cancel', idOf(3n));
    clock.advance(60_000);
    expect(ticks()).toHaveLength(3);
    expect(rows()).toBe(0);
  });

  it('follows a row re-armed for a later time, and forgets a cancelled one', async () => {
    const clock = new ManualClock(START);
    const { ticks, call } = await create(clock);
    await call('add_timer', timerRow(4n, { time: START + 10n * SECOND }, 1));
    await call('add_timer', timerRow(5n, { time: START + 10n * SECOND }, 2));
    await call('cancel', idOf(4n));
    await call('add_timer', timerRow(4n, { time: START + 50n * SECOND }, 3));
    clock.advance(20_000);
    expect(seen(ticks)).toEqual([[5, 10n]]);
    clock.advance(30_000);
    expect(seen(ticks)).toEqual([
      [5, 10n],
      [4, 50n],
    ]);
  });

  it('runs a row due already without the clock moving', async () => {
    const clock = new ManualClock(START);
    const { ticks, rows, call } = await create(clock);
    await call('add_timer', timerRow(6n, { time: START - SECOND }, 1));
    await eventually(() => expect(rows()).toBe(0));
    expect(seen(ticks)).toEqual([[6, 0n]]);
    expect(clock.now()).toBe(START);
  });

  it('stops once the database is closed', async () => {
    const clock = new ManualClock(START);
    const { database, ticks, call } = await create(clock);
    await call('add_timer', timerRow(7n, { interval: SECOND }, 1));
    await database.close();
    clock.advance(10_000);
    expect(ticks()).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});

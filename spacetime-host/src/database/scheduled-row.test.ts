import { describe, expect, it } from 'vitest';
import type { ModuleSchema, TableSchema } from '../schema/module-schema.js';
import {
  delayMicros,
  MAX_SCHEDULE_DELAY_MICROS,
  nextIntervalTick,
  ScheduledRowReader,
} from './scheduled-row.js';

const i64 = (name: string) => ({
  tag: 'Product' as const,
  value: { elements: [{ name, algebraicType: { tag: 'I64' as const } }] },
});
const scheduleAt = {
  tag: 'Sum' as const,
  value: {
    variants: [
      { name: 'Interval', algebraicType: i64('__time_duration_micros__') },
      { name: 'Time', algebraicType: i64('__timestamp_micros_since_unix_epoch__') },
    ],
  },
};

// text: String | scheduled_at: ScheduleAt | scheduled_id: u64 — the id and time after a variable-size column.
const table = {
  tableId: 0,
  name: 'jobs',
  columns: [
    { colId: 0, name: 'text', type: { tag: 'String' } },
    { colId: 1, name: 'scheduled_at', type: scheduleAt },
    { colId: 2, name: 'scheduled_id', type: { tag: 'U64' } },
  ],
  schedule: { reducerId: 0, scheduledAtColumn: 1, idColumn: 2 },
} as unknown as TableSchema;
const schema = { typespace: { types: [] } } as unknown as ModuleSchema;

function row(text: string, tag: number, micros: bigint, id: bigint): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(4 + encoded.length + 9 + 8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, encoded.length, true);
  bytes.set(encoded, 4);
  view.setUint8(4 + encoded.length, tag);
  view.setBigInt64(5 + encoded.length, micros, true);
  view.setBigUint64(13 + encoded.length, id, true);
  return bytes;
}

describe('ScheduledRowReader', () => {
  it('reads the id and the ScheduleAt wherever they sit in the row', () => {
    const reader = new ScheduledRowReader(table, schema);
    expect(reader.read(row('hello', 1, 1_000n, 7n))).toEqual({
      id: 7n,
      at: { kind: 'time', micros: 1_000n },
    });
    expect(reader.read(row('', 0, 500n, 8n))).toEqual({
      id: 8n,
      at: { kind: 'interval', micros: 500n },
    });
    expect(() => reader.read(row('x', 2, 0n, 1n))).toThrow();
  });

  it('refuses a table without a schedule', () => {
    expect(() => new ScheduledRowReader({ ...table, schedule: undefined }, schema)).toThrow(
      /not a schedule table/,
    );
  });
});

describe('schedule timing', () => {
  it('is due at its time, at once when late, and one (absolute) interval from now for intervals', () => {
    expect(delayMicros({ kind: 'time', micros: 1_500n }, 1_000n)).toBe(500n);
    expect(delayMicros({ kind: 'time', micros: 500n }, 1_000n)).toBe(0n);
    expect(delayMicros({ kind: 'interval', micros: 250n }, 1_000n)).toBe(250n);
    expect(delayMicros({ kind: 'interval', micros: -250n }, 1_000n)).toBe(250n);
    expect(MAX_SCHEDULE_DELAY_MICROS).toBe(68_719_476_735_000n);
  });

  it('ticks intervals from the intended time, skipping ticks missed while late', () => {
    expect(nextIntervalTick(1_000n, 100n, 1_050n)).toBe(1_100n);
    expect(nextIntervalTick(1_000n, 100n, 1_000n)).toBe(1_100n);
    expect(nextIntervalTick(1_000n, 100n, 1_350n)).toBe(1_400n);
    expect(nextIntervalTick(1_000n, -100n, 900n)).toBe(1_100n);
    expect(nextIntervalTick(1_000n, 0n, 5_000n)).toBe(1_000n);
  });
});

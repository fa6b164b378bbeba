import { compileSkipper, type Skipper } from '../sats/bsatn-skipper.js';
import type { ModuleSchema, TableSchema } from '../schema/module-schema.js';

/** SpacetimeDB's `ScheduleAt`: run every `micros`, or once at `micros` since the Unix epoch. */
export type ScheduleAt =
  | { readonly kind: 'interval'; readonly micros: bigint }
  | { readonly kind: 'time'; readonly micros: bigint };

export interface ScheduledRow {
  readonly id: bigint;
  readonly at: ScheduleAt;
}

/** The longest delay SpacetimeDB accepts: 64^6 - 1 ms, about 2.18 years (scheduler.rs). */
export const MAX_SCHEDULE_DELAY_MICROS = ((1n << 36n) - 1n) * 1000n;

/**
 * Reads the schedule id (u64) and `ScheduleAt` columns out of a schedule
 * table's BSATN row, skipping the columns before them.
 */
export class ScheduledRowReader {
  readonly #skippers: readonly Skipper[];
  readonly #idColumn: number;
  readonly #atColumn: number;

  constructor(table: TableSchema, schema: ModuleSchema) {
    const schedule = table.schedule;
    if (schedule === undefined) throw new Error(`table ${table.name} is not a schedule table`);
    this.#idColumn = schedule.idColumn;
    this.#atColumn = schedule.scheduledAtColumn;
    const last = Math.max(this.#idColumn, this.#atColumn);
    this.#skippers = table.columns
      .slice(0, last)
      .map((column) => compileSkipper(column.type, schema.typespace));
  }

  read(row: Uint8Array): ScheduledRow {
    const view = new DataView(row.buffer, row.byteOffset, row.byteLength);
    const id = view.getBigUint64(this.#offsetOf(row, this.#idColumn), true);
    const at = this.#offsetOf(row, this.#atColumn);
    const tag = view.getUint8(at);
    const micros = view.getBigInt64(at + 1, true);
    if (tag === 0) return { id, at: { kind: 'interval', micros } };
    if (tag === 1) return { id, at: { kind: 'time', micros } };
    throw new Error(`invalid ScheduleAt tag ${tag}`);
  }

  #offsetOf(row: Uint8Array, column: number): number {
    let offset = 0;
    for (let i = 0; i < column; i++) offset = this.#skippers[i]!(row, offset);
    return offset;
  }
}

/** How long from `nowMicros` until `at` is due (intervals are due one interval from now). */
export function delayMicros(at: ScheduleAt, nowMicros: bigint): bigint {
  if (at.kind === 'interval') return at.micros < 0n ? -at.micros : at.micros;
  return at.micros > nowMicros ? at.micros - nowMicros : 0n;
}

/**
 * The next tick of an interval schedule after `lastIntendedAt`, skipping
 * ticks already missed so delays do not pile up (`next_interval_tick_after`).
 */
export function nextIntervalTick(
  lastIntendedAt: bigint,
  interval: bigint,
  nowMicros: bigint,
): bigint {
  const step = interval < 0n ? -interval : interval;
  if (step === 0n) return lastIntendedAt;
  const elapsed = nowMicros - lastIntendedAt;
  const ticks = elapsed <= 0n ? 1n : elapsed / step + 1n;
  return lastIntendedAt + step * ticks;
}

const NO_ROWS: readonly Uint8Array[] = [];

interface Slot {
  rows: readonly Uint8Array[];
  next: number;
  live: boolean;
}

/** What `advance` reports besides bytes written: the iterator needs a bigger buffer for its next row. */
export const NEEDS_BIGGER_BUFFER = -0x8000_0000;

/**
 * Open row iterators of one module call, by u32 id (0 is valid). Rows are a
 * snapshot taken when the scan starts, as SpacetimeDB materialises them, so
 * a module may delete rows while iterating. Slots and ids are reused to keep
 * scans allocation-free beyond the datastore's row array.
 */
export class RowIterators {
  readonly #slots: Slot[] = [];
  readonly #free: number[] = [];
  #liveCount = 0;
  /** Length of the row that did not fit on the last `NEEDS_BIGGER_BUFFER`. */
  nextRowLength = 0;

  get liveCount(): number {
    return this.#liveCount;
  }

  open(rows: readonly Uint8Array[]): number {
    let id = this.#free.pop();
    if (id === undefined) {
      id = this.#slots.length;
      this.#slots.push({ rows, next: 0, live: true });
    } else {
      const slot = this.#slots[id]!;
      slot.rows = rows;
      slot.next = 0;
      slot.live = true;
    }
    this.#liveCount++;
    return id;
  }

  isOpen(id: number): boolean {
    return this.#slots[id]?.live === true;
  }

  /**
   * Copies as many whole rows as fit into `out`. Returns the byte count, negated
   * when the iterator is exhausted (and then closed), or `NEEDS_BIGGER_BUFFER`
   * when not even the next row fits. The caller checks `isOpen` first.
   */
  advance(id: number, out: Uint8Array): number {
    const slot = this.#slots[id]!;
    const rows = slot.rows;
    const capacity = out.length;
    let next = slot.next;
    let written = 0;
    while (next < rows.length) {
      const row = rows[next]!;
      const end = written + row.length;
      if (end > capacity) break;
      out.set(row, written);
      written = end;
      next++;
    }
    if (next === rows.length) {
      this.close(id);
      return written === 0 ? 0 : -written;
    }
    if (written === 0) {
      this.nextRowLength = rows[next]!.length;
      return NEEDS_BIGGER_BUFFER;
    }
    slot.next = next;
    return written;
  }

  /** Returns false when `id` is not an open iterator. */
  close(id: number): boolean {
    const slot = this.#slots[id];
    if (slot === undefined || !slot.live) return false;
    slot.live = false;
    slot.rows = NO_ROWS;
    this.#free.push(id);
    this.#liveCount--;
    return true;
  }

  /** Closes every iterator, as SpacetimeDB does when a call ends; returns how many were open. */
  closeAll(): number {
    const open = this.#liveCount;
    if (open === 0) return 0;
    for (let id = 0; id < this.#slots.length; id++) this.close(id);
    return open;
  }
}

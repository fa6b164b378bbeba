export const UndoOp = {
  /** A row was inserted into an empty slot. */
  Insert: 0,
  /** A row was deleted; `old` is it. */
  Delete: 1,
  /** A row was replaced in place; `old` is the previous row. */
  Update: 2,
} as const;
export type UndoOp = (typeof UndoOp)[keyof typeof UndoOp];

/**
 * What one transaction changed, in order, kept in parallel arrays that are
 * reused from transaction to transaction so logging allocates nothing.
 */
export class UndoLog {
  length = 0;
  readonly ops: UndoOp[] = [];
  readonly tableIds: number[] = [];
  readonly rowIds: number[] = [];
  readonly olds: (Uint8Array | undefined)[] = [];

  push(op: UndoOp, tableId: number, rowId: number, old: Uint8Array | undefined): void {
    const i = this.length++;
    this.ops[i] = op;
    this.tableIds[i] = tableId;
    this.rowIds[i] = rowId;
    this.olds[i] = old;
  }

  clear(): void {
    // Drop row references so the old rows can be collected.
    this.olds.fill(undefined, 0, this.length);
    this.length = 0;
  }
}

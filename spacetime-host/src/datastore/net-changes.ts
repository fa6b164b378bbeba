import type { TableChanges } from './datastore.js';
import { bytesEqual, hashBytes } from './row-bytes.js';
import type { Table } from './table.js';
import { type UndoLog, UndoOp } from './undo-log.js';

/**
 * The net effect of a transaction per table, from its undo log: each touched
 * slot's row at the start of the transaction against its row now. A row
 * inserted and deleted again vanishes; a row deleted and re-inserted with the
 * same bytes (even in another slot) is no change, as in SpacetimeDB.
 * Tables are listed in table-id order; unchanged tables are omitted.
 */
export function netChanges(log: UndoLog, tables: readonly Table[]): TableChanges[] {
  const { firsts, tableIds } = firstEntries(log, tables, ++netChangesEpoch);
  const out: TableChanges[] = [];
  for (const tableId of tableIds) {
    const changes = tableChanges(log, firsts, tableId, tables[tableId]!);
    if (changes !== undefined) out.push(changes);
  }
  return out;
}

// The two loops live in functions of their own on purpose: a transaction with
// thousands of rows gets its loop compiled on-stack by V8, and when the code
// after that loop had never run, later small transactions kept deoptimising
// on it (about 1,500 deopts in a row after a 10,000-row seed).

/** Each touched slot's first log entry (what it held when the transaction began), and the touched tables in id order. */
function firstEntries(
  log: UndoLog,
  tables: readonly Table[],
  epoch: number,
): { firsts: number[]; tableIds: number[] } {
  const firsts: number[] = [];
  const tableIds: number[] = [];
  for (let i = 0; i < log.length; i++) {
    const tableId = log.tableIds[i]!;
    if (tables[tableId]!.markTouched(log.rowIds[i]!, epoch)) {
      firsts.push(i);
      if (!tableIds.includes(tableId)) tableIds.push(tableId);
    }
  }
  if (tableIds.length > 1) tableIds.sort((a, b) => a - b);
  return { firsts, tableIds };
}

/** One table's net inserts and deletes, or undefined when it ended as it began. */
function tableChanges(
  log: UndoLog,
  firsts: readonly number[],
  tableId: number,
  table: Table,
): TableChanges | undefined {
  const inserts: Uint8Array[] = [];
  const deletes: Uint8Array[] = [];
  for (const i of firsts) {
    if (log.tableIds[i] !== tableId) continue;
    const before = log.ops[i] === UndoOp.Insert ? undefined : log.olds[i];
    const after = table.rows[log.rowIds[i]!];
    if (before !== undefined && after !== undefined && bytesEqual(before, after)) continue;
    if (before !== undefined) deletes.push(before);
    if (after !== undefined) inserts.push(after);
  }
  cancelReinserts(deletes, inserts);
  if (inserts.length === 0 && deletes.length === 0) return undefined;
  return { tableId, tableName: table.name, inserts, deletes };
}

/** Distinguishes one netChanges call's slot marks from the previous ones'. */
let netChangesEpoch = 0;

/** Removes rows present in both lists (deleted from one slot, re-inserted into another). */
function cancelReinserts(deletes: Uint8Array[], inserts: Uint8Array[]): void {
  if (deletes.length === 0 || inserts.length === 0) return;
  if (deletes.length * inserts.length <= 64) {
    for (let d = deletes.length - 1; d >= 0; d--) {
      const i = inserts.findIndex((row) => bytesEqual(row, deletes[d]!));
      if (i >= 0) {
        inserts.splice(i, 1);
        deletes.splice(d, 1);
      }
    }
    return;
  }
  const byHash = new Map<number, number[]>();
  inserts.forEach((row, i) => {
    const h = hashBytes(row);
    const bucket = byHash.get(h);
    if (bucket) bucket.push(i);
    else byHash.set(h, [i]);
  });
  const cancelled = new Set<number>();
  const keptDeletes = deletes.filter((row) => {
    const bucket = byHash.get(hashBytes(row));
    const match = bucket?.findIndex((i) => !cancelled.has(i) && bytesEqual(inserts[i]!, row)) ?? -1;
    if (match < 0) return true;
    cancelled.add(bucket![match]!);
    return false;
  });
  const keptInserts = inserts.filter((_, i) => !cancelled.has(i));
  deletes.length = 0;
  for (const row of keptDeletes) deletes.push(row);
  inserts.length = 0;
  for (const row of keptInserts) inserts.push(row);
}

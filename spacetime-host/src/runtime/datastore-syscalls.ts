import type { RangeArgs } from '../datastore/datastore.js';
import { Errno } from './errno.js';
import { NEEDS_BIGGER_BUFFER } from './row-iterators.js';
import type { SyscallEnv } from './syscall-env.js';
import { SyscallError } from './syscall-error.js';

/**
 * The table and index syscalls of `spacetime:sys@2.0` (and `datastore_clear`
 * of 2.1), with SpacetimeDB's semantics (crates/core/src/host/v8/syscall/v2.rs,
 * common.rs, instance_env.rs). The hot ones (point scan, advance, insert,
 * update) keep their error handling inline and allocate nothing beyond the
 * datastore's own results.
 */
export function datastoreSyscalls(env: SyscallEnv) {
  const guard = makeGuard(env);

  const insertOrUpdate = (
    tableId: number,
    row: Uint8Array,
    bytes: Uint8Array,
    indexId: number,
  ): number => {
    const tx = env.writeTx();
    const result = indexId < 0 ? tx.insert(tableId, row) : tx.update(tableId, indexId, row);
    if (env.host.scheduledTables.has(tableId)) env.host.checkScheduledRow(tableId, result.row);
    // The module reads generated auto-increment values back from the start of its own buffer.
    const generated = result.generated;
    if (generated.length > 0) bytes.set(generated, 0);
    return generated.length;
  };

  const rangeArgs = (
    buffer: unknown,
    prefixLen: unknown,
    prefixElems: unknown,
    rstartLen: unknown,
    rendLen: unknown,
  ): RangeArgs => {
    const bytes = env.bytesOf(buffer);
    let prefix = env.u32(prefixLen, 'prefix_len');
    const elems = env.u32(prefixElems, 'prefix_elems');
    const start = env.u32(rstartLen, 'rstart_len');
    const end = env.u32(rendLen, 'rend_len');
    const total = prefix + start + end;
    if (total > bytes.length) env.outOfBounds();
    if (elems > 0xffff) throw new env.realm.TypeError('prefix_elems must be a u16');
    // With no prefix elements SpacetimeDB ignores the prefix bytes entirely.
    const from = elems === 0 ? prefix : 0;
    if (elems === 0) prefix = 0;
    return {
      buf: bytes.slice(from, total),
      prefixLen: prefix,
      prefixElems: elems,
      rstartLen: start,
      rendLen: end,
    };
  };

  return {
    table_id_from_name: guard((name: unknown) => {
      if (typeof name !== 'string') throw new env.realm.TypeError('name must be a string');
      return env.readTx().tableIdFromName(name);
    }),

    index_id_from_name: guard((name: unknown) => {
      if (typeof name !== 'string') throw new env.realm.TypeError('name must be a string');
      return env.readTx().indexIdFromName(name);
    }),

    datastore_table_row_count: guard((tableId: unknown) =>
      BigInt(env.readTx().rowCount(env.u32(tableId, 'table_id'))),
    ),

    datastore_table_scan_bsatn: guard((tableId: unknown) =>
      env.iterators.open(env.readTx().scan(env.u32(tableId, 'table_id'))),
    ),

    datastore_index_scan_point_bsatn(indexId: unknown, buffer: unknown, pointLen: unknown): number {
      try {
        const bytes = env.bytesOf(buffer);
        const point = env.prefix(bytes, env.u32(pointLen, 'point_len'));
        return env.iterators.open(env.readTx().indexScanPoint(env.u32(indexId, 'index_id'), point));
      } catch (error) {
        throw env.toModuleError(error);
      }
    },

    datastore_index_scan_range_bsatn: guard(
      (
        indexId: unknown,
        buffer: unknown,
        prefixLen: unknown,
        prefixElems: unknown,
        rstartLen: unknown,
        rendLen: unknown,
      ) => {
        const args = rangeArgs(buffer, prefixLen, prefixElems, rstartLen, rendLen);
        return env.iterators.open(env.readTx().indexScanRange(env.u32(indexId, 'index_id'), args));
      },
    ),

    row_iter_bsatn_advance(iterId: unknown, buffer: unknown): number {
      try {
        const id = env.u32(iterId, 'iter');
        const bytes = env.bytesOf(buffer);
        if (!env.iterators.isOpen(id)) throw new SyscallError(Errno.NO_SUCH_ITER);
        const result = env.iterators.advance(id, bytes);
        if (result !== NEEDS_BIGGER_BUFFER) return result;
        const tooSmall = env.realm.nullObject();
        tooSmall.__buffer_too_small__ = env.iterators.nextRowLength;
        throw tooSmall;
      } catch (error) {
        throw env.toModuleError(error);
      }
    },

    row_iter_bsatn_close(iterId: unknown): void {
      // The library's FinalizationRegistry may close an iterator long after its
      // call ended; iterators never outlive a call, so there is nothing to do.
      if (!env.inCall) return;
      try {
        if (!env.iterators.close(env.u32(iterId, 'iter')))
          throw new SyscallError(Errno.NO_SUCH_ITER);
      } catch (error) {
        throw env.toModuleError(error);
      }
    },

    datastore_insert_bsatn(tableId: unknown, buffer: unknown, rowLen: unknown): number {
      try {
        const bytes = env.bytesOf(buffer);
        const row = env.prefix(bytes, env.u32(rowLen, 'row_len'));
        return insertOrUpdate(env.u32(tableId, 'table_id'), row, bytes, -1);
      } catch (error) {
        throw env.toModuleError(error);
      }
    },

    datastore_update_bsatn(
      tableId: unknown,
      indexId: unknown,
      buffer: unknown,
      rowLen: unknown,
    ): number {
      try {
        const bytes = env.bytesOf(buffer);
        const row = env.prefix(bytes, env.u32(rowLen, 'row_len'));
        return insertOrUpdate(
          env.u32(tableId, 'table_id'),
          row,
          bytes,
          env.u32(indexId, 'index_id'),
        );
      } catch (error) {
        throw env.toModuleError(error);
      }
    },

    datastore_delete_by_index_scan_point_bsatn: guard(
      (indexId: unknown, buffer: unknown, pointLen: unknown) => {
        const point = env.prefix(env.bytesOf(buffer), env.u32(pointLen, 'point_len'));
        return env.writeTx().deleteByIndexPoint(env.u32(indexId, 'index_id'), point);
      },
    ),

    datastore_delete_by_index_scan_range_bsatn: guard(
      (
        indexId: unknown,
        buffer: unknown,
        prefixLen: unknown,
        prefixElems: unknown,
        rstartLen: unknown,
        rendLen: unknown,
      ) => {
        const args = rangeArgs(buffer, prefixLen, prefixElems, rstartLen, rendLen);
        return env.writeTx().deleteByIndexRange(env.u32(indexId, 'index_id'), args);
      },
    ),

    datastore_delete_all_by_eq_bsatn: guard(
      (tableId: unknown, buffer: unknown, relationLen: unknown) => {
        const relation = env.prefix(env.bytesOf(buffer), env.u32(relationLen, 'relation_len'));
        return env.writeTx().deleteAllByEq(env.u32(tableId, 'table_id'), relation);
      },
    ),

    datastore_clear: guard((tableId: unknown) =>
      BigInt(env.writeTx().clear(env.u32(tableId, 'table_id'))),
    ),
  };
}

type SyscallBody = (a: never, b: never, c: never, d: never, e: never, f: never) => unknown;

/** Wraps a syscall so host failures reach the module as its own error classes. */
export function makeGuard(env: SyscallEnv) {
  return <F extends SyscallBody>(body: F): F =>
    function guarded(a: never, b: never, c: never, d: never, e: never, f: never) {
      try {
        return body(a, b, c, d, e, f);
      } catch (error) {
        throw env.toModuleError(error);
      }
    } as F;
}

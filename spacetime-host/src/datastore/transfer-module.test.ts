import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bsatn } from '../sats/testing/algebraic-values.js';
import { decodeModuleSchema } from '../schema/build-module-schema.js';
import type { ModuleSchema } from '../schema/module-schema.js';
import { describeModule, loadServerLibrary } from '../schema/testing/library-module.js';
import { Errno } from './datastore-error.js';
import { InMemoryDatastore } from './in-memory-datastore.js';

vi.mock(
  'spacetime:sys@2.0',
  async () => (await import('../schema/testing/library-module.js')).sysMock,
);
vi.mock('spacetime:sys@2.1', () => ({}));

// The schema of a real module, as the library describes it, driven the way
// its generated table accessors drive the syscalls.
let schema: ModuleSchema;
beforeAll(async () => {
  const lib = await loadServerLibrary();
  const accounts = lib.table!(
    { public: true },
    { id: lib.t!.u32!().primaryKey!().index!('hash'), balance: lib.t!.i64!() },
  );
  const posts = lib.table!(
    { public: true },
    {
      id: lib.t!.u64!().primaryKey!().autoInc!(),
      author: lib.t!.u32!().index!('btree'),
      body: lib.t!.string!(),
    },
  );
  schema = decodeModuleSchema(describeModule(lib.schema!({ accounts, posts })));
});

const rowOf = (tableId: number, values: (bigint | string)[]) =>
  bsatn({ tag: 'Product', value: schema.tables[tableId]!.rowType }, values);

describe('a real module schema in the datastore', () => {
  it('resolves the names the library looks up and runs transfers', () => {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.beginMutTx();
    const accounts = tx.tableIdFromName('accounts');
    const byId = tx.indexIdFromName('accounts_id_idx_hash');
    for (let id = 0n; id < 10n; id++) tx.insert(accounts, rowOf(accounts, [id, 100n]));
    const [from] = tx.indexScanPoint(byId, bsatn({ tag: 'U32' }, 3n));
    expect(from).toEqual(rowOf(accounts, [3n, 100n]));
    tx.update(accounts, byId, rowOf(accounts, [3n, 70n]));
    tx.update(accounts, byId, rowOf(accounts, [4n, 130n]));
    const changes = tx.commit(1n);
    expect(changes.tables[0]!.inserts).toHaveLength(10);
    expect(datastore.committed.rowCount(accounts)).toBe(10);
  });

  it('generates post ids and range-scans the author btree', () => {
    const datastore = new InMemoryDatastore(schema);
    const tx = datastore.beginMutTx();
    const posts = tx.tableIdFromName('posts');
    const byAuthor = tx.indexIdFromName('posts_author_idx_btree');
    const ids = [7n, 3n, 7n, 1n].map(
      (author) => tx.insert(posts, rowOf(posts, [0n, author, 'hi'])).generated,
    );
    expect(ids).toEqual([1n, 2n, 3n, 4n].map((id) => bsatn({ tag: 'U64' }, id)));
    const range = {
      buf: Uint8Array.of(0, 2, 0, 0, 0, 2),
      prefixLen: 0,
      prefixElems: 0,
      rstartLen: 5,
      rendLen: 1,
    };
    expect(tx.indexScanRange(byAuthor, range)).toHaveLength(3);
    const byId = tx.indexIdFromName('posts_id_idx_btree');
    expect(() => tx.update(posts, byAuthor, rowOf(posts, [1n, 7n, 'x']))).toThrow(
      expect.objectContaining({ errno: Errno.INDEX_NOT_UNIQUE }),
    );
    tx.update(posts, byId, rowOf(posts, [1n, 7n, 'edited']));
    expect(tx.commit(1n).tables[0]!.inserts.map((r) => r.at(-1))).toContain('d'.charCodeAt(0));
  });
});

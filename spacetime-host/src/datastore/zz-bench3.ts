import { Ty } from '../sats/algebraic-type.js';
import { InMemoryDatastore } from './in-memory-datastore.js';
import { moduleSchema, row } from './testing/test-schema.js';

const schema = moduleSchema({
  name: 'posts',
  columns: [
    ['id', Ty.U64],
    ['author', Ty.U32],
    ['body', Ty.String],
  ],
  indexes: [
    ['btree', [0], true],
    ['btree', [1], false],
  ],
  primaryKey: 0,
  sequences: [{ colId: 0 }],
});
const ds = new InMemoryDatastore(schema);
const body = row(schema, 0, 0n, 5n, 'hello world, this is a post');
for (let round = 0; round < 6; round++) {
  const N = 100000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const t = ds.beginMutTx();
    body[8] = i & 0xff;
    t.insert(0, body);
    t.commit(0n);
  }
  console.log('autoinc insert tx µs', Number(process.hrtime.bigint() - t0) / N / 1000);
}

// Test support: the module schema the subscription tests run against, built
// by hand (tables with every kind of index, an event table, views).
import { Ty } from '../../sats/algebraic-type.js';
import type { ModuleSchema, ViewSchema } from '../../schema/module-schema.js';
import {
  buildSchema,
  bytesType,
  connectionIdType,
  durationType,
  identityType,
  timestampType,
  uuidType,
} from '../../sql/testing/fixture-schema.js';

export const OWNER = 0xa1n;
export const ALICE = 0xb2n;
export const BOB = 0xc3n;

const usersColumns = {
  id: Ty.U32,
  name: Ty.String,
  age: Ty.U8,
  owner: identityType,
  active: Ty.Bool,
};

function view(name: string, extra: Partial<ViewSchema> = {}): ViewSchema {
  const rowType = {
    elements: Object.entries(usersColumns).map(([n, t]) => ({ name: n, algebraicType: t })),
  };
  return {
    id: 0,
    name,
    perSender: false,
    isPublic: true,
    params: { elements: [] },
    returnType: { tag: 'Array', value: { tag: 'Product', value: rowType } },
    rowType,
    ...extra,
  };
}

/**
 * `users` (unique btree id, hash owner), `posts` (unique hash id, btree
 * author), `follows` (no indexes), `secrets` (private), `kinds` (a column of
 * every type SQL compares), `scores` (btree on two columns), `pings` (an
 * event table); views `adults` (anonymous), `my_user` (per sender) and
 * `staff` (private), all of users' row type.
 */
export function testSchema(): ModuleSchema {
  const schema = buildSchema(
    [
      {
        name: 'users',
        columns: usersColumns,
        indexes: [
          { columns: ['id'], algorithm: 'btree', unique: true },
          { columns: ['owner'], algorithm: 'hash' },
        ],
      },
      {
        name: 'posts',
        columns: { id: Ty.U64, author: Ty.U32, title: Ty.String, likes: Ty.I32 },
        indexes: [
          { columns: ['id'], algorithm: 'hash', unique: true },
          { columns: ['author'], algorithm: 'btree' },
        ],
      },
      { name: 'follows', columns: { follower: Ty.U32, followee: Ty.U32 } },
      {
        name: 'secrets',
        columns: { id: Ty.U32, note: Ty.String },
        isPublic: false,
        indexes: [{ columns: ['id'], algorithm: 'btree', unique: true }],
      },
      {
        name: 'kinds',
        columns: {
          id: Ty.U32,
          b: Ty.Bool,
          i8: Ty.I8,
          u8: Ty.U8,
          i16: Ty.I16,
          u16: Ty.U16,
          i32: Ty.I32,
          u32: Ty.U32,
          i64: Ty.I64,
          u64: Ty.U64,
          i128: Ty.I128,
          u128: Ty.U128,
          i256: Ty.I256,
          u256: Ty.U256,
          f32: Ty.F32,
          f64: Ty.F64,
          s: Ty.String,
          who: identityType,
          conn: connectionIdType,
          at: timestampType,
          dur: durationType,
          uid: uuidType,
          raw: bytesType,
        },
        indexes: [{ columns: ['id'], algorithm: 'btree', unique: true }],
      },
      {
        name: 'scores',
        columns: { player: Ty.U32, level: Ty.U32, points: Ty.I64 },
        indexes: [{ columns: ['player', 'level'], algorithm: 'btree' }],
      },
      {
        name: 'pings',
        columns: { id: Ty.U32, user_id: Ty.U32, text: Ty.String },
        indexes: [{ columns: ['user_id'], algorithm: 'btree' }],
      },
    ],
    [],
    [view('adults'), view('my_user', { perSender: true }), view('staff', { isPublic: false })],
  );
  return {
    ...schema,
    tables: schema.tables.map((t) => (t.name === 'pings' ? { ...t, isEvent: true } : t)),
  };
}

import { describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database.js';
import {
  ConnectionRejectedError,
  NoSuchViewError,
  PublishError,
} from '../../src/database/database-errors.js';
import type { ModuleSchema } from '../../src/schema/module-schema.js';
import { eventually } from '../support/eventually.js';
import type { FakeTable } from '../support/fake-datastore.js';
import { fakeServices } from '../support/fake-services.js';
import { probeModule } from '../support/probe-module.js';
import { buildSchema, STRING, U32 } from '../support/test-schema.js';
import { FAKE_CLIENT_TABLES } from './fake-client-tables.js';

const OWNER = 0x0123n;
const DB = 0xdb01n;
const things: FakeTable = {
  name: 'things',
  indexes: [{ name: 'things_id', from: 0, to: 4, unique: true, algorithm: 'btree' }],
};
const thingsTable = { name: 'things', columns: [['id', U32] as const, ['value', U32] as const] };

async function create(schema: ModuleSchema, body: string, tables: FakeTable[] = [things]) {
  const services = fakeServices(schema, [...tables, ...FAKE_CLIENT_TABLES]);
  const database = await Database.create(
    {
      identity: DB,
      owner: OWNER,
      names: [],
      dir: '/nonexistent',
      program: probeModule(body),
      moduleHash: 'h',
      services,
    },
    OWNER,
  );
  const reports = () =>
    database
      .logs()
      .filter((l) => l.message.startsWith('REPORT '))
      .map((l) => JSON.parse(l.message.slice(7)));
  return { database, services, reports };
}

describe('lifecycle reducers', () => {
  const schema = buildSchema({
    tables: [thingsTable],
    reducers: [
      { name: 'init', lifecycle: 'init' },
      { name: 'connected', lifecycle: 'onConnect' },
      { name: 'disconnected', lifecycle: 'onDisconnect' },
      { name: 'whoami' },
    ],
  });
  const body = `
    const jwt = ctx.connId === 0n ? '' : new TextDecoder().decode(sys.get_jwt_payload(ctx.connId));
    report([['init', 'connected', 'disconnected', 'whoami'][ctx.id], ctx.sender, ctx.connId, jwt]);
    if (ctx.id === 1 && jwt.includes('banned')) throw new SenderError('you are banned');
    if (ctx.id === 0) sys.datastore_insert_bsatn(0, bufferOf(u32s(1, 1)), 8);
  `;

  it('runs init once at creation, as the publisher, in its own committed transaction', async () => {
    const { reports, services } = await create(schema, body);
    expect(reports()).toEqual([['init', `${OWNER}n`, '0n', '']]);
    expect(services.durability.appended).toHaveLength(1);
  });

  it('refuses to create a database whose init reducer fails', async () => {
    const failing = buildSchema({ reducers: [{ name: 'init', lifecycle: 'init' }] });
    const services = fakeServices(failing, []);
    await expect(
      Database.create(
        {
          identity: DB,
          owner: OWNER,
          names: [],
          dir: '/x',
          program: probeModule(`throw new SenderError('not today');`),
          moduleHash: 'h',
          services,
        },
        OWNER,
      ),
    ).rejects.toThrow(new PublishError('the init reducer failed: not today'));
    expect(services.durability.closed).toBe(true);
  });

  it('runs clientConnected and clientDisconnected with the connection and its JWT', async () => {
    const { database, reports } = await create(schema, body);
    const caller = { identity: 0xa1n, connectionId: 77n, jwtPayload: '{"sub":"alice"}' };
    await database.connect(caller);
    await database.callReducer('whoami', new Uint8Array(0), { ...caller, jwtPayload: undefined });
    await database.disconnect(caller);
    await database.callReducer('whoami', new Uint8Array(0), { identity: 0xa1n, connectionId: 77n });
    expect(reports().slice(1)).toEqual([
      ['connected', '161n', '77n', '{"sub":"alice"}'],
      ['whoami', '161n', '77n', '{"sub":"alice"}'],
      ['disconnected', '161n', '77n', '{"sub":"alice"}'],
      ['whoami', '161n', '77n', ''],
    ]);
  });

  it('refuses a connection when clientConnected fails and forgets its JWT', async () => {
    const { database, reports } = await create(schema, body);
    const caller = { identity: 0xb0n, connectionId: 9n, jwtPayload: '{"sub":"banned"}' };
    await expect(database.connect(caller)).rejects.toThrow(
      new ConnectionRejectedError('you are banned'),
    );
    await database.callReducer('whoami', new Uint8Array(0), { identity: 0xb0n, connectionId: 9n });
    expect(reports().at(-1)).toEqual(['whoami', '176n', '9n', '']);
  });

  it('lets an unconnected caller with a JWT read it during its call only', async () => {
    const { database, reports } = await create(schema, body);
    const caller = { identity: 0xc0n, connectionId: 5n, jwtPayload: '{"sub":"http"}' };
    await database.callReducer('whoami', new Uint8Array(0), caller);
    await database.callReducer('whoami', new Uint8Array(0), { identity: 0xc0n, connectionId: 5n });
    expect(reports().slice(-2)).toEqual([
      ['whoami', '192n', '5n', '{"sub":"http"}'],
      ['whoami', '192n', '5n', ''],
    ]);
  });
});

describe('internal errors', () => {
  it('reports exceptions other than SenderError as internal errors and logs the stack', async () => {
    const schema = buildSchema({ tables: [thingsTable], reducers: [{ name: 'explode' }] });
    const { database, services } = await create(
      schema,
      `sys.datastore_insert_bsatn(0, bufferOf(u32s(1, 1)), 8); throw new RangeError('kaboom');`,
    );
    const outcome = await database.callReducer('explode', new Uint8Array(0), {
      identity: 1n,
      connectionId: 0n,
    });
    expect(outcome).toMatchObject({ status: 'internal-error', message: 'RangeError: kaboom' });
    expect(services.datastores[0]!.committed.rowCount(0)).toBe(0);
    const log = database.logs().at(-1);
    expect(log).toMatchObject({ level: 'panic', function: 'explode' });
    expect(log?.message).toMatch(/^RangeError: kaboom\n\s+at /);
  });
});

describe('procedures', () => {
  const schema = buildSchema({
    tables: [thingsTable],
    procedures: [{ name: 'deposit', returnType: STRING }],
  });

  it('returns the procedure value once the transactions it committed are durable', async () => {
    const { database, services } = await create(
      schema,
      `
      sys.procedure_start_mut_tx();
      sys.datastore_insert_bsatn(0, bufferOf(u32s(5, 50)), 8);
      sys.procedure_commit_mut_tx();
      return new Uint8Array([2, 0, 0, 0, 111, 107]);
    `,
    );
    services.durability.hold();
    let settled = false;
    const call = database.callProcedure('deposit', new Uint8Array(0), {
      identity: 1n,
      connectionId: 0n,
    });
    void call.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    services.durability.release();
    const outcome = await call;
    expect(outcome).toMatchObject({
      status: 'returned',
      value: Uint8Array.of(2, 0, 0, 0, 111, 107),
    });
    expect(services.datastores[0]!.committed.rowCount(0)).toBe(1);
  });

  it('reports a throwing procedure as an internal error', async () => {
    const { database } = await create(schema, `throw new Error('no luck');`);
    const outcome = await database.callProcedure('deposit', new Uint8Array(0), {
      identity: 1n,
      connectionId: 0n,
    });
    expect(outcome).toMatchObject({ status: 'internal-error', message: 'Error: no luck' });
  });
});

describe('views', () => {
  const schema = buildSchema({
    tables: [thingsTable],
    views: [
      { name: 'mine', perSender: true, row: [['id', U32]] },
      { name: 'everyone', perSender: false, row: [['id', U32]] },
      { name: 'as_sql', perSender: false, row: [['id', U32]] },
    ],
  });
  const body = `
    if (kind === 'view') return new Uint8Array([0, 1, 0, 0, 0, Number(ctx.sender & 0xffn), 0, 0, 0]);
    if (ctx.id === 0) return new Uint8Array([0, 2, 0, 0, 0, 7, 0, 0, 0, 8, 0, 0, 0]);
    const sql = new TextEncoder().encode('SELECT * FROM things');
    const out = new Uint8Array(5 + sql.length);
    out[0] = 1; out[1] = sql.length; out.set(sql, 5);
    return out;
  `;

  it('returns the rows of per-sender and anonymous views', async () => {
    const { database } = await create(schema, body);
    expect(database.callView('mine', { identity: 0x42n, connectionId: 0n })).toEqual([
      Uint8Array.of(0x42, 0, 0, 0),
    ]);
    expect(database.callView('everyone', { identity: 0x42n, connectionId: 0n })).toEqual([
      Uint8Array.of(7, 0, 0, 0),
      Uint8Array.of(8, 0, 0, 0),
    ]);
    expect(() => database.callView('nope', { identity: 1n, connectionId: 0n })).toThrow(
      NoSuchViewError,
    );
  });

  it('runs the query a view returns and checks it yields the view row type', async () => {
    const { database } = await create(schema, body);
    expect(() => database.callView('as_sql', { identity: 1n, connectionId: 0n })).toThrow(
      /query returns .* but view expects/,
    );
  });
});

describe('volatile_nonatomic_schedule_immediate', () => {
  const schema = buildSchema({
    tables: [thingsTable],
    reducers: [{ name: 'kick' }, { name: 'later', params: [['n', U32]] }],
  });
  const body = `
    if (ctx.id === 0) {
      sys.volatile_nonatomic_schedule_immediate('later', u32s(args[0] ?? 5));
      sys.volatile_nonatomic_schedule_immediate('missing', new Uint8Array(0));
      sys.volatile_nonatomic_schedule_immediate('later', new Uint8Array(1));
      report('kicked');
    } else {
      report(['later', new DataView(args.buffer, args.byteOffset).getUint32(0, true), ctx.sender]);
    }
  `;

  it('runs the named reducer soon after, as the database, and logs names and arguments it cannot use', async () => {
    const { database, reports } = await create(schema, body);
    await database.callReducer('kick', new Uint8Array(0), { identity: 1n, connectionId: 0n });
    expect(reports()).toEqual(['kicked']);
    await eventually(() => expect(reports()).toEqual(['kicked', ['later', 5, `${DB}n`]]));
    await eventually(() =>
      expect(
        database
          .logs()
          .filter((l) => l.level === 'error')
          .map((l) => l.message),
      ).toEqual([
        'could not run scheduled function: Reducer `missing` not found',
        'could not run scheduled function later: invalid arguments for reducer later: truncated: 4 byte(s) needed at offset 0, 1 left',
      ]),
    );
  });
});

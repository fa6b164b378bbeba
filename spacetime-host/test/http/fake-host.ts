// A private test double of the database layer for the HTTP and CLI tests: one
// fixed module (a `person` table, a few reducers and a procedure) whose
// behaviour each test can observe and steer.

import { BinaryReader, BinaryWriter } from 'spacetimedb';
import { identityFromClaims } from '../../src/auth/identity.js';
import { nowMicros } from '../../src/clock/wall-clock.js';
import type {
  Caller,
  DatabaseHandle,
  HostApi,
  LogRecord,
  ProcedureOutcome,
  PublishRequest,
  PublishResult,
  ReducerOutcome,
  UpdatePlan,
} from '../../src/database/database-api.js';
import {
  ConnectionRejectedError,
  IncompatibleUpdateError,
  NotOwnerError,
  PublishError,
} from '../../src/database/database-errors.js';
import {
  RAW_MODULE_DEF_TYPE,
  RAW_MODULE_DEF_TYPESPACE,
} from '../../src/http/module-def/raw-module-def-type.generated.js';
import type { AlgebraicType, ProductType } from '../../src/sats/algebraic-type.js';
import { jsonToBsatn } from '../../src/sats/sats-json-encode.js';
import type { ModuleSchema } from '../../src/schema/module-schema.js';
import { SqlError } from '../../src/sql/sql-error.js';
import type { SqlStatementResult } from '../../src/sql/sql-result.js';

const U8: AlgebraicType = { tag: 'U8' };
const U32: AlgebraicType = { tag: 'U32' };
const STRING: AlgebraicType = { tag: 'String' };
const product = (...elements: [string, AlgebraicType][]): ProductType => ({
  elements: elements.map(([name, algebraicType]) => ({ name, algebraicType })),
});
const PERSON = product(['id', U32], ['name', STRING]);

export const FAKE_SCHEMA: ModuleSchema = {
  typespace: { types: [{ tag: 'Product', value: PERSON }] },
  tables: [],
  reducers: [
    { id: 0, name: 'add', params: product(['name', STRING], ['age', U8]), clientCallable: true },
    { id: 1, name: 'fail', params: product(), clientCallable: true },
    { id: 2, name: 'init', params: product(), clientCallable: false, lifecycle: 'init' },
    { id: 3, name: 'secret', params: product(), clientCallable: false },
    { id: 4, name: 'crash', params: product(), clientCallable: true },
    {
      id: 5,
      name: 'add_person',
      params: product(['person', { tag: 'Ref', value: 0 }]),
      clientCallable: true,
    },
  ],
  procedures: [
    {
      id: 0,
      name: 'get_answer',
      params: product(['question', STRING]),
      returnType: { tag: 'Product', value: product(['answer', U32]) },
      clientCallable: true,
    },
    {
      id: 1,
      name: 'audit',
      params: product(['question', STRING]),
      clientCallable: false,
    },
  ],
  views: [],
  lifecycle: { init: 2 },
};

const unit = { Product: { elements: [] } };
const field = (name: string, type: unknown) => ({ name: { some: name }, algebraic_type: type });

function reducerDef(name: string, params: unknown[], visibility = 'ClientCallable') {
  return {
    source_name: name,
    params: { elements: params },
    visibility: { [visibility]: [] },
    ok_return_type: unit,
    err_return_type: { String: [] },
  };
}

/** The V10 module def of the fake module, as `/schema?version=10` should return it. */
export const FAKE_MODULE_DEF_V10 = {
  sections: [
    {
      Typespace: {
        types: [
          { Product: { elements: [field('id', { U32: [] }), field('name', { String: [] })] } },
        ],
      },
    },
    {
      Tables: [
        {
          source_name: 'person',
          product_type_ref: 0,
          primary_key: [0],
          indexes: [],
          constraints: [],
          sequences: [],
          table_type: { User: [] },
          table_access: { Public: [] },
          default_values: [],
          is_event: false,
        },
      ],
    },
    {
      Reducers: [
        reducerDef('add', [field('name', { String: [] }), field('age', { U8: [] })]),
        reducerDef('fail', []),
        reducerDef('init', []),
        reducerDef('secret', [], 'Private'),
        reducerDef('crash', []),
        reducerDef('add_person', [field('person', { Ref: 0 })]),
      ],
    },
    {
      Procedures: [
        {
          source_name: 'get_answer',
          params: { elements: [field('question', { String: [] })] },
          return_type: { Product: { elements: [field('answer', { U32: [] })] } },
          visibility: { ClientCallable: [] },
        },
      ],
    },
    { LifeCycleReducers: [{ lifecycle_spec: { Init: [] }, function_name: 'init' }] },
  ],
};

export const FAKE_RAW_MODULE_DEF = jsonToBsatn(RAW_MODULE_DEF_TYPE, RAW_MODULE_DEF_TYPESPACE, {
  V10: FAKE_MODULE_DEF_V10,
});

export interface RecordedCall {
  readonly kind: 'reducer' | 'procedure' | 'sql' | 'connect' | 'disconnect';
  readonly name: string;
  readonly args?: Uint8Array;
  readonly caller: Caller;
}

export class FakeDatabase implements DatabaseHandle {
  readonly schema = FAKE_SCHEMA;
  readonly rawModuleDef = FAKE_RAW_MODULE_DEF;
  readonly calls: RecordedCall[] = [];
  readonly records: LogRecord[] = [];
  readonly listeners = new Set<(record: LogRecord) => void>();
  /** Set to make `connect` refuse, as a failing `clientConnected` does. */
  rejectConnections = false;
  program: string;
  cleared = 0;
  names: string[];

  constructor(
    readonly identity: bigint,
    readonly owner: bigint,
    name: string | undefined,
    program: string,
  ) {
    this.names = name === undefined ? [] : [name];
    this.program = program;
  }

  now(): bigint {
    return nowMicros();
  }

  async callReducer(name: string, args: Uint8Array, caller: Caller): Promise<ReducerOutcome> {
    this.calls.push({ kind: 'reducer', name, args, caller });
    if (name === 'fail')
      return { status: 'failed', message: 'nope, not today', durationMicros: 12 };
    if (name === 'crash') {
      return { status: 'internal-error', message: 'RangeError: boom', durationMicros: 3 };
    }
    if (name === 'add') {
      const reader = new BinaryReader(args);
      this.log('info', `added ${reader.readString()} aged ${reader.readU8()}`);
    }
    return {
      status: 'committed',
      changes: { txOffset: 1n, timestamp: 0n, tables: [] },
      durationMicros: 42,
    };
  }

  async callProcedure(name: string, args: Uint8Array, caller: Caller): Promise<ProcedureOutcome> {
    this.calls.push({ kind: 'procedure', name, args, caller });
    if (name === 'audit')
      return { status: 'returned', value: new Uint8Array(0), durationMicros: 1 };
    const question = new BinaryReader(args).readString();
    if (question === 'crash') {
      return { status: 'internal-error', message: 'procedure blew up', durationMicros: 1 };
    }
    const writer = new BinaryWriter(4);
    writer.writeU32(question.length);
    return { status: 'returned', value: writer.getBuffer().slice(), durationMicros: 7 };
  }

  callView(): readonly Uint8Array[] {
    return [];
  }

  async connect(caller: Caller): Promise<void> {
    this.calls.push({ kind: 'connect', name: '', caller });
    if (this.rejectConnections) throw new ConnectionRejectedError('go away');
  }

  async disconnect(caller: Caller): Promise<void> {
    this.calls.push({ kind: 'disconnect', name: '', caller });
  }

  async sql(query: string, caller: Caller): Promise<SqlStatementResult[]> {
    this.calls.push({ kind: 'sql', name: query, caller });
    if (query.startsWith('SELECT * FROM nowhere')) {
      throw new SqlError('type', '`nowhere` is not a valid table');
    }
    if (query === 'explode') throw new Error('the SQL engine has a bug');
    return [
      {
        schema: PERSON,
        rows: [
          [1, 'Alice'],
          [2, 'Bob'],
        ],
        totalDurationMicros: 250,
        stats: { rowsInserted: 0, rowsDeleted: 0, rowsUpdated: 0 },
      },
    ];
  }

  logs(): readonly LogRecord[] {
    return [...this.records];
  }

  onLog(listener: (record: LogRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  log(level: LogRecord['level'], message: string): LogRecord {
    const record: LogRecord = {
      level,
      ts: 1_700_000_000_000_000n + BigInt(this.records.length),
      filename: 'src/index.ts',
      lineNumber: 7,
      function: 'add',
      message,
    };
    this.records.push(record);
    for (const listener of this.listeners) listener(record);
    return record;
  }
}

/**
 * Programs steer `publish`: `bad module` fails to load, `incompatible` is an
 * update the data cannot take, `explode` is a host failure; anything else works.
 */
export class FakeHost implements HostApi {
  readonly databases: FakeDatabase[] = [];
  readonly requests: PublishRequest[] = [];
  private nextId = 0;

  planUpdate(_database: DatabaseHandle, program: string): UpdatePlan {
    return program === 'incompatible'
      ? { compatible: false, reasons: ['table `notes` changed'] }
      : { compatible: true };
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    this.requests.push(request);
    if (request.program === 'explode') throw new Error('disk on fire');
    if (request.program === 'bad module') {
      throw new PublishError('Failed to create or update the database: module failed to load');
    }
    const existing =
      (request.identity !== undefined
        ? this.databases.find((db) => db.identity === request.identity)
        : undefined) ??
      (request.name !== undefined
        ? this.databases.find((db) => db.names.includes(request.name!))
        : undefined);
    if (existing !== undefined) {
      if (existing.owner !== request.publisher) throw new NotOwnerError('not the owner');
      if (request.program === 'incompatible' && !request.clear) {
        throw new IncompatibleUpdateError([
          'Adding a column `age` to table `person` requires a default value',
        ]);
      }
      existing.program = request.program;
      if (request.clear) existing.cleared++;
      return {
        identity: existing.identity,
        op: 'updated',
        ...(request.name ? { name: request.name } : {}),
      };
    }
    const identity = request.identity ?? identityFromClaims('fake-host', `db-${this.nextId++}`);
    const database = new FakeDatabase(identity, request.publisher, request.name, request.program);
    this.databases.push(database);
    return { identity, op: 'created', ...(request.name ? { name: request.name } : {}) };
  }

  find(nameOrIdentity: string): FakeDatabase | undefined {
    return this.databases.find(
      (db) =>
        db.names.includes(nameOrIdentity) ||
        db.identity.toString(16).padStart(64, '0') === nameOrIdentity,
    );
  }

  async delete(database: DatabaseHandle, by: bigint): Promise<void> {
    if (database.owner !== by) throw new NotOwnerError('not the owner');
    this.databases.splice(this.databases.indexOf(database as FakeDatabase), 1);
  }

  list(): readonly DatabaseHandle[] {
    return [...this.databases];
  }
}

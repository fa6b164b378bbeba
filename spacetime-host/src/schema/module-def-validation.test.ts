import { describe, expect, it } from 'vitest';
import { type AlgebraicType, Ty } from '../sats/algebraic-type.js';
import { buildModuleSchema } from './build-module-schema.js';
import { ModuleDefError } from './module-def-error.js';
import type {
  RawModuleDefV10,
  RawModuleDefV10Section,
  RawReducerDefV10,
  RawTableDefV10,
} from './raw-module-def.js';

const unit = { tag: 'Product', value: { elements: [] } } as const;
const none = {} as Record<string, never>;

function table(overrides: Partial<RawTableDefV10> = {}): RawTableDefV10 {
  return {
    sourceName: 'things',
    productTypeRef: 0,
    primaryKey: [0],
    indexes: [
      {
        sourceName: 'things_id_idx_btree',
        accessorName: 'id',
        algorithm: { tag: 'BTree', value: [0] },
      },
    ],
    constraints: [{ sourceName: undefined, data: { tag: 'Unique', value: { columns: [0] } } }],
    sequences: [],
    tableType: { tag: 'User', value: none },
    tableAccess: { tag: 'Public', value: none },
    defaultValues: [],
    isEvent: false,
    ...overrides,
  };
}

function reducer(sourceName: string, overrides: Partial<RawReducerDefV10> = {}): RawReducerDefV10 {
  return {
    sourceName,
    params: { elements: [] },
    visibility: { tag: 'ClientCallable', value: none },
    okReturnType: unit,
    errReturnType: Ty.String,
    ...overrides,
  };
}

const thingRow = Ty.product({ id: Ty.U64, label: Ty.String });

function moduleDef(
  parts: {
    types?: AlgebraicType[];
    tables?: RawTableDefV10[];
    extra?: RawModuleDefV10Section[];
  } = {},
): RawModuleDefV10 {
  return {
    sections: [
      { tag: 'Typespace', value: { types: parts.types ?? [thingRow] } },
      { tag: 'Tables', value: parts.tables ?? [table()] },
      ...(parts.extra ?? []),
    ],
  };
}

function errorsOf(def: RawModuleDefV10): string[] {
  try {
    buildModuleSchema(def);
  } catch (error) {
    if (error instanceof ModuleDefError) return [...error.errors];
    throw error;
  }
  throw new Error('expected the module definition to be rejected');
}

describe('buildModuleSchema validation', () => {
  it('accepts the baseline definition', () => {
    const schema = buildModuleSchema(moduleDef());
    expect(schema.tables[0]!.indexes[0]!.name).toBe('things_id_idx_btree');
  });

  it('rejects indexes, constraints and keys on missing columns', () => {
    const errors = errorsOf(
      moduleDef({
        tables: [
          table({
            primaryKey: [7],
            indexes: [
              { sourceName: 'x', accessorName: 'x', algorithm: { tag: 'BTree', value: [0, 5] } },
            ],
            constraints: [
              { sourceName: undefined, data: { tag: 'Unique', value: { columns: [9] } } },
            ],
          }),
        ],
      }),
    );
    expect(errors.join('\n')).toMatch(
      /index `things_id_col_5_idx_btree` refers to missing column\(s\) 5/,
    );
    expect(errors.join('\n')).toMatch(/unique constraint .* missing column\(s\) 9/);
    expect(errors.join('\n')).toMatch(/primary key refers to missing column\(s\) 7/);
  });

  it('rejects duplicate names across tables, indexes and functions', () => {
    expect(errorsOf(moduleDef({ tables: [table(), table()] })).join('\n')).toMatch(
      /duplicate name `things`/,
    );
    const dupReducers = moduleDef({
      extra: [{ tag: 'Reducers', value: [reducer('go'), reducer('go')] }],
    });
    expect(errorsOf(dupReducers)).toContain('duplicate function name `go`');
    const caseClash = moduleDef({
      extra: [{ tag: 'Reducers', value: [reducer('doIt'), reducer('do_it')] }],
    });
    expect(errorsOf(caseClash)).toContain('duplicate function name `do_it`');
    const dupColumns = moduleDef({ types: [Ty.product({ id: Ty.U64, Id: Ty.U64 })] });
    expect(errorsOf(dupColumns).join('\n')).toMatch(/duplicate column `id`/);
  });

  it('rejects unresolvable and non-product row types', () => {
    expect(errorsOf(moduleDef({ tables: [table({ productTypeRef: 4 })] })).join('\n')).toMatch(
      /Ref\(4\) is not a product type/,
    );
    const dangling = moduleDef({ types: [Ty.product({ id: Ty.U64, next: Ty.ref(9) })] });
    expect(errorsOf(dangling).join('\n')).toMatch(/Ref\(9\) is out of range/);
    const recursive = moduleDef({
      types: [
        Ty.product({ id: Ty.U64, tree: Ty.ref(1) }),
        Ty.product({ kids: Ty.array(Ty.ref(1)) }),
      ],
    });
    expect(errorsOf(recursive).join('\n')).toMatch(/recursive/);
  });

  it('rejects keys without constraints and constraints without indexes', () => {
    expect(errorsOf(moduleDef({ tables: [table({ constraints: [] })] })).join('\n')).toMatch(
      /primary key column `id` has no unique constraint/,
    );
    expect(errorsOf(moduleDef({ tables: [table({ indexes: [] })] })).join('\n')).toMatch(
      /has no index/,
    );
    expect(errorsOf(moduleDef({ tables: [table({ primaryKey: [0, 1] })] })).join('\n')).toMatch(
      /only one primary key/,
    );
  });

  it('rejects bad sequences', () => {
    const seq = (column: number, extra = {}) => ({
      sourceName: undefined,
      column,
      start: undefined,
      minValue: undefined,
      maxValue: undefined,
      increment: 1n,
      ...extra,
    });
    expect(errorsOf(moduleDef({ tables: [table({ sequences: [seq(1)] })] })).join('\n')).toMatch(
      /not an integer type/,
    );
    expect(
      errorsOf(
        moduleDef({ tables: [table({ sequences: [seq(0), seq(0, { sourceName: 's2' })] })] }),
      ).join('\n'),
    ).toMatch(/more than one sequence/);
    expect(
      errorsOf(
        moduleDef({ tables: [table({ sequences: [seq(0, { minValue: 10n, start: 5n })] })] }),
      ).join('\n'),
    ).toMatch(/min <= start <= max/);
    expect(
      errorsOf(moduleDef({ tables: [table({ sequences: [seq(0, { increment: 0n })] })] })).join(
        '\n',
      ),
    ).toMatch(/increment/);
  });

  it('rejects two types with one name after case conversion, as SpacetimeDB does', () => {
    const named = (sourceName: string, ty: number, scope: string[] = []) => ({
      sourceName: { scope, sourceName },
      ty,
      customOrdering: true,
    });
    const withTypes = (types: ReturnType<typeof named>[], policy?: 'None') =>
      moduleDef({
        types: [thingRow, Ty.product({ x: Ty.U8 }), Ty.U32],
        extra: [
          { tag: 'Types', value: types },
          ...(policy
            ? [{ tag: 'CaseConversionPolicy' as const, value: { tag: policy, value: none } }]
            : []),
        ],
      });

    expect(errorsOf(withTypes([named('Things', 0), named('Things', 1)]))).toEqual([
      'name `Things` is used for multiple types',
    ]);
    // Type names are PascalCase unless the policy is None.
    expect(errorsOf(withTypes([named('things', 0), named('Things', 1)]))).toEqual([
      'name `Things` is used for multiple types',
    ]);
    expect(
      buildModuleSchema(withTypes([named('things', 0), named('Things', 1)], 'None')),
    ).toBeDefined();
    // SpacetimeDB's own case (validate/v10.rs, duplicate_type_name): the scope is part of the name.
    expect(
      errorsOf(
        withTypes([
          named('Duplicate', 2, ['scope1', 'scope2']),
          named('Duplicate', 1, ['scope1', 'scope2']),
        ]),
      ),
    ).toEqual(['name `Scope1::Scope2::Duplicate` is used for multiple types']);
    expect(
      buildModuleSchema(
        withTypes([named('Things', 0), named('Things', 1, ['lib']), named('Other', 2)]),
      ),
    ).toBeDefined();
    expect(errorsOf(withTypes([named('Things', 0), named('9Lives', 1)]))).toEqual([
      'identifier `9Lives` starts with an invalid character',
    ]);
  });

  it('rejects reserved and invalid names', () => {
    expect(
      errorsOf(moduleDef({ tables: [table({ sourceName: 'st_things' })] })).join('\n'),
    ).toMatch(/reserved/);
    expect(
      errorsOf(moduleDef({ extra: [{ tag: 'Reducers', value: [reducer('9lives')] }] })).join('\n'),
    ).toMatch(/starts with an invalid character/);
  });

  it('rejects reducers with the wrong return type and nameless parameters', () => {
    const bad = reducer('go', {
      errReturnType: Ty.U32,
      params: { elements: [{ name: undefined, algebraicType: Ty.U8 }] },
    });
    const errors = errorsOf(moduleDef({ extra: [{ tag: 'Reducers', value: [bad] }] }));
    expect(errors).toContain('reducer `go` must return Result<(), String>');
    expect(errors).toContain('reducer `go`: parameter 0 has no name');
  });

  it('rejects bad lifecycle declarations', () => {
    const lifecycle = (name: string) => ({
      lifecycleSpec: { tag: 'Init' as const, value: none },
      functionName: name,
    });
    expect(
      errorsOf(
        moduleDef({ extra: [{ tag: 'LifeCycleReducers', value: [lifecycle('nope')] }] }),
      ).join('\n'),
    ).toMatch(/not a reducer/);
    const twice = moduleDef({
      extra: [
        { tag: 'Reducers', value: [reducer('a'), reducer('b')] },
        { tag: 'LifeCycleReducers', value: [lifecycle('a'), lifecycle('b')] },
      ],
    });
    expect(errorsOf(twice)).toContain('more than one Init reducer');
  });

  it('rejects schedules on unsuitable tables or functions', () => {
    const schedule = {
      sourceName: undefined,
      tableName: 'things',
      scheduleAtCol: 1,
      functionName: 'tick',
    };
    const errors = errorsOf(moduleDef({ extra: [{ tag: 'Schedules', value: [schedule] }] }));
    expect(errors.join('\n')).toMatch(/needs a ScheduleAt column/);
    const missingTable = { ...schedule, tableName: 'nowhere' };
    expect(
      errorsOf(moduleDef({ extra: [{ tag: 'Schedules', value: [missingTable] }] })).join('\n'),
    ).toMatch(/missing table `nowhere`/);
  });

  it('rejects direct indexes on unsuitable columns and malformed defaults', () => {
    const direct = table({
      indexes: [
        {
          sourceName: 'things_id_idx_btree',
          accessorName: 'id',
          algorithm: { tag: 'BTree', value: [0] },
        },
        { sourceName: 'd', accessorName: 'd', algorithm: { tag: 'Direct', value: 1 } },
      ],
    });
    expect(errorsOf(moduleDef({ tables: [direct] })).join('\n')).toMatch(/direct index/);
    const badDefault = table({ defaultValues: [{ colId: 1, value: Uint8Array.of(9, 0, 0, 0) }] });
    expect(errorsOf(moduleDef({ tables: [badDefault] })).join('\n')).toMatch(
      /default value of column `label` is malformed/,
    );
  });

  it('rejects submodules, repeated sections and bad views', () => {
    const sub = moduleDef({
      extra: [{ tag: 'Submodules', value: [{ namespace: 'lib', module: { sections: [] } }] }],
    });
    expect(errorsOf(sub)).toContain('submodules are not supported by this host');
    const twice = moduleDef({ extra: [{ tag: 'Tables', value: [] }] });
    expect(errorsOf(twice)).toContain('the Tables section appears more than once');
    const view = {
      sourceName: 'v',
      index: 0,
      isPublic: true,
      isAnonymous: false,
      params: { elements: [] },
      returnType: Ty.U32,
    };
    expect(errorsOf(moduleDef({ extra: [{ tag: 'Views', value: [view] }] })).join('\n')).toMatch(
      /view `v` must return an array or option of a product type/,
    );
  });

  it('keeps names verbatim under CaseConversionPolicy None', () => {
    const def = moduleDef({
      types: [Ty.product({ itemId: Ty.U64 })],
      tables: [
        table({
          sourceName: 'myThings',
          indexes: [
            { sourceName: 'i', accessorName: 'i', algorithm: { tag: 'BTree', value: [0] } },
          ],
        }),
      ],
      extra: [{ tag: 'CaseConversionPolicy', value: { tag: 'None', value: none } }],
    });
    const schema = buildModuleSchema(def);
    expect(schema.tables[0]!.name).toBe('myThings');
    expect(schema.tables[0]!.columns[0]!.name).toBe('itemId');
    expect(schema.tables[0]!.indexes[0]!.name).toBe('myThings_itemId_idx_btree');
  });

  it('builds views with their row type and dispatch index', () => {
    const view = {
      sourceName: 'myThings',
      index: 3,
      isPublic: true,
      isAnonymous: true,
      params: { elements: [] },
      returnType: Ty.array(Ty.ref(0)),
    };
    const schema = buildModuleSchema(moduleDef({ extra: [{ tag: 'Views', value: [view] }] }));
    expect(schema.views[0]).toMatchObject({
      id: 3,
      name: 'my_things',
      perSender: false,
      isPublic: true,
    });
    expect(schema.views[0]!.rowType.elements.map((e) => e.name)).toEqual(['id', 'label']);
  });
});

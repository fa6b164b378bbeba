import { describe, expect, it } from 'vitest';
import { type AlgebraicType, Ty } from '../../sats/algebraic-type.js';
import type {
  RawModuleDefV10,
  RawModuleDefV10Section,
  RawReducerDefV10,
  RawTableDefV10,
} from '../../schema/raw-module-def.js';
import { CodegenError } from '../codegen-error.js';
import { generateTypeScriptBindings } from './generate-typescript.js';

const none = {} as Record<string, never>;
const unit = Ty.product();

function table(sourceName: string, productTypeRef: number): RawTableDefV10 {
  return {
    sourceName,
    productTypeRef,
    primaryKey: [],
    indexes: [],
    constraints: [],
    sequences: [],
    tableType: { tag: 'User', value: none },
    tableAccess: { tag: 'Public', value: none },
    defaultValues: [],
    isEvent: false,
  };
}

function reducer(sourceName: string, params: AlgebraicType = unit): RawReducerDefV10 {
  return {
    sourceName,
    params: params.tag === 'Product' ? params.value : { elements: [] },
    visibility: { tag: 'ClientCallable', value: none },
    okReturnType: unit,
    errReturnType: Ty.String,
  };
}

interface Parts {
  readonly types: readonly AlgebraicType[];
  readonly names?: readonly (readonly [number, string, ...string[]])[];
  readonly tables?: readonly RawTableDefV10[];
  readonly reducers?: readonly RawReducerDefV10[];
  readonly extra?: readonly RawModuleDefV10Section[];
}

/** A module definition; `names` are `[ref, name, ...scope]` entries of the Types section. */
function moduleDef(parts: Parts): RawModuleDefV10 {
  return {
    sections: [
      { tag: 'Typespace', value: { types: [...parts.types] } },
      {
        tag: 'Types',
        value: (parts.names ?? []).map(([ty, sourceName, ...scope]) => ({
          sourceName: { scope, sourceName },
          ty,
          customOrdering: true,
        })),
      },
      { tag: 'Tables', value: [...(parts.tables ?? [])] },
      { tag: 'Reducers', value: [...(parts.reducers ?? [])] },
      ...(parts.extra ?? []),
    ],
  };
}

const generate = (def: RawModuleDefV10) =>
  Object.fromEntries(
    generateTypeScriptBindings(def, { spacetimedbVersion: '2.10.1' }).map((f) => [
      f.path,
      f.contents,
    ]),
  );

const bodyOf = (contents: string) => contents.slice(contents.indexOf('"spacetimedb";\n') + 15);

describe('generateTypeScriptBindings', () => {
  it('names scoped types in PascalCase and orders them by scope, then name', () => {
    const files = generate(
      moduleDef({
        types: [
          Ty.product({ x: Ty.I32 }),
          Ty.sum({ first: unit, second_one: Ty.U8 }),
          Ty.product({ inner: Ty.ref(0), self_list: Ty.array(Ty.ref(2)) }),
        ],
        names: [
          [0, 'point', 'geo'],
          [1, 'zeta_value'],
          [2, 'Alpha'],
        ],
      }),
    );

    expect(bodyOf(files['types.ts']!)).toBe(
      [
        '',
        'export const Alpha = __t.object("Alpha", {',
        '  get inner() {',
        '    return GeoPoint;',
        '  },',
        '  get selfList() {',
        '    return __t.array(Alpha);',
        '  },',
        '});',
        'export type Alpha = __Infer<typeof Alpha>;',
        '',
        '// The tagged union or sum type for the algebraic type `ZetaValue`.',
        'export const ZetaValue = __t.enum("ZetaValue", {',
        '  First: __t.unit(),',
        '  SecondOne: __t.u8(),',
        '});',
        'export type ZetaValue = __Infer<typeof ZetaValue>;',
        '',
        'export const GeoPoint = __t.object("GeoPoint", {',
        '  x: __t.i32(),',
        '});',
        'export type GeoPoint = __Infer<typeof GeoPoint>;',
        '',
        '',
      ].join('\n'),
    );
  });

  it('writes the type builder of every special and structural type', () => {
    const scheduleAt = Ty.sum({
      Interval: Ty.product({ __time_duration_micros__: Ty.I64 }),
      Time: Ty.product({ __timestamp_micros_since_unix_epoch__: Ty.I64 }),
    });
    const files = generate(
      moduleDef({
        types: [
          Ty.product({
            id: Ty.product({ __identity__: Ty.U256 }),
            conn: Ty.product({ __connection_id__: Ty.U128 }),
            uuid: Ty.product({ __uuid__: Ty.U128 }),
            at: scheduleAt,
            outcome: Ty.sum({ ok: Ty.U32, err: Ty.String }),
            nothing: Ty.sum({}),
            bytes: Ty.array(Ty.U8),
            maybe: Ty.option(Ty.option(Ty.F32)),
            aliased: Ty.ref(1),
          }),
          Ty.array(Ty.I128),
        ],
        names: [[0, 'Row']],
        tables: [table('rows', 0)],
      }),
    );

    expect(bodyOf(files['rows_table.ts']!)).toBe(
      [
        '',
        'export default __t.row({',
        '  id: __t.identity(),',
        '  conn: __t.connectionId(),',
        '  uuid: __t.uuid(),',
        '  at: __t.scheduleAt(),',
        '  outcome: __t.result(__t.u32(), __t.string()),',
        '  nothing: __t.never(),',
        '  bytes: __t.byteArray(),',
        '  maybe: __t.option(__t.option(__t.f32())),',
        '  aliased: __t.array(__t.i128()),',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('without case conversion, keeps declared names canonical and aliases a table declared in another case', () => {
    const files = generate(
      moduleDef({
        types: [Ty.product({ player_id: Ty.U32, Total: Ty.U64 })],
        names: [[0, 'Scores']],
        tables: [table('Scores', 0)],
        extra: [{ tag: 'CaseConversionPolicy', value: { tag: 'None', value: none } }],
      }),
    );

    expect(bodyOf(files['scores_table.ts']!)).toContain(
      '  playerId: __t.u32().name("player_id"),\n  total: __t.u64().name("Total"),\n',
    );
    expect(files['index.ts']).toContain("  scores: __table({\n    name: 'Scores',\n");
    expect(files['index.ts']).toContain('  "Scores": "scores",\n');
  });

  it('offers no lifecycle reducer to clients, and files them only with includePrivate', () => {
    const def = moduleDef({
      types: [],
      reducers: [reducer('init'), reducer('on_connect'), reducer('doThing')],
      extra: [
        {
          tag: 'LifeCycleReducers',
          value: [
            { lifecycleSpec: { tag: 'Init', value: none }, functionName: 'init' },
            { lifecycleSpec: { tag: 'OnConnect', value: none }, functionName: 'on_connect' },
          ],
        },
      ],
    });

    const publicPaths = generateTypeScriptBindings(def, { spacetimedbVersion: '2.10.1' }).map(
      (f) => f.path,
    );
    const privateFiles = generateTypeScriptBindings(def, {
      spacetimedbVersion: '2.10.1',
      includePrivate: true,
    });

    expect(publicPaths.filter((p) => p.endsWith('_reducer.ts'))).toEqual(['do_thing_reducer.ts']);
    expect(privateFiles.map((f) => f.path).filter((p) => p.endsWith('_reducer.ts'))).toEqual([
      'on_connect_reducer.ts',
      'do_thing_reducer.ts',
    ]);
    const index = privateFiles.find((f) => f.path === 'index.ts')!.contents;
    expect(index).toContain('__reducerSchema("do_thing", DoThingReducer),');
    expect(index).not.toContain('OnConnect');
  });

  it('refuses two types with one name, as publishing does', () => {
    const def = moduleDef({
      types: [Ty.product({ a: Ty.U8 }), Ty.product({ x: Ty.U8 })],
      names: [
        [0, 'Thing'],
        [1, 'thing'],
      ],
      tables: [table('things', 0)],
    });
    expect(() => generateTypeScriptBindings(def)).toThrow(
      /name `Thing` is used for multiple types/,
    );
  });

  it('refuses types a client cannot be generated for, listing every problem', () => {
    const def = moduleDef({
      types: [Ty.product({ inline: Ty.product({ a: Ty.U8 }) }), Ty.product({ x: Ty.U8 })],
      names: [
        [0, 'Thing'],
        [1, 'Other'],
      ],
      tables: [table('things', 0)],
    });

    const problems = (() => {
      try {
        generateTypeScriptBindings(def);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(CodegenError);
        return (error as CodegenError).problems;
      }
    })();

    expect(problems).toEqual([
      expect.stringContaining('Thing.inline: an unnamed product type cannot be used here'),
      expect.stringContaining('things.inline: an unnamed product type cannot be used here'),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { readModuleDef, typeName } from './module-def-json.js';

const field = (name: string, type: unknown) => ({ name: { some: name }, algebraic_type: type });
const reducer = (source: string, params: unknown[] = []) => ({
  source_name: source,
  params: { elements: params },
  visibility: { ClientCallable: [] },
  ok_return_type: { Product: { elements: [] } },
  err_return_type: { String: [] },
});

describe('readModuleDef', () => {
  const def = {
    sections: [
      { Typespace: { types: [{ Product: { elements: [field('ownerId', { U32: [] })] } }] } },
      {
        Reducers: [
          reducer('sendMessage', [field('text', { String: [] })]),
          reducer('onConnect'),
          reducer('legacyName'),
        ],
      },
      { LifeCycleReducers: [{ lifecycle_spec: { OnConnect: [] }, function_name: 'onConnect' }] },
      {
        Tables: [
          { source_name: 'userProfiles', product_type_ref: 0, table_access: { Private: [] } },
        ],
      },
      {
        ExplicitNames: {
          entries: [{ Function: { source_name: 'legacyName', canonical_name: 'LegacyName' } }],
        },
      },
    ],
  };

  it('names functions and tables canonically: explicit names, else snake_case', () => {
    const module = readModuleDef(def);
    expect(module.functions.map((f) => f.name)).toEqual([
      'send_message',
      'on_connect',
      'LegacyName',
    ]);
    expect(module.functions[1]?.lifecycle).toBe('OnConnect');
    expect(module.tables).toEqual([
      {
        name: 'user_profiles',
        rowType: {
          tag: 'Product',
          value: { elements: [{ name: 'ownerId', algebraicType: { tag: 'U32' } }] },
        },
        isPublic: false,
      },
    ]);
  });

  it('keeps source names under CaseConversionPolicy None', () => {
    const module = readModuleDef({
      sections: [{ Reducers: [reducer('sendMessage')] }, { CaseConversionPolicy: { None: [] } }],
    });
    expect(module.functions[0]?.name).toBe('sendMessage');
  });

  it('rejects something that is not a module def', () => {
    expect(() => readModuleDef({ sections: [{ Reducers: [{ params: 3 }] }] })).toThrow(
      /not a RawModuleDefV10/,
    );
  });

  it('prints type names for signatures', () => {
    const identity = {
      tag: 'Product',
      value: { elements: [{ name: '__identity__', algebraicType: { tag: 'U256' } }] },
    } as const;
    const option = {
      tag: 'Sum',
      value: {
        variants: [
          { name: 'some', algebraicType: { tag: 'String' } },
          { name: 'none', algebraicType: { tag: 'Product', value: { elements: [] } } },
        ],
      },
    } as const;
    expect(typeName(identity, [])).toBe('Identity');
    expect(typeName(option, [])).toBe('Option<string>');
    expect(typeName({ tag: 'Array', value: { tag: 'Ref', value: 0 } }, [identity])).toBe(
      'Array<Identity>',
    );
  });
});

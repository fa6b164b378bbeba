import { describe, expect, it } from 'vitest';
import { loadRawModuleDefTypeGraph } from './generate-raw-module-def-type.js';
import { RAW_MODULE_DEF_TYPE, RAW_MODULE_DEF_TYPESPACE } from './raw-module-def-type.generated.js';
import { camelToSnake } from './type-graph-to-typespace.js';

describe('RAW_MODULE_DEF_TYPE', () => {
  it('is up to date with the installed spacetimedb package', async () => {
    const fresh = await loadRawModuleDefTypeGraph();
    // JSON drops `name: undefined`, as the generated file does.
    expect(JSON.parse(JSON.stringify(fresh.types))).toEqual(RAW_MODULE_DEF_TYPESPACE.types);
    expect(fresh.root).toEqual(RAW_MODULE_DEF_TYPE);
  });

  it('names fields as Rust does', () => {
    expect(camelToSnake('productTypeRef')).toBe('product_type_ref');
    expect(camelToSnake('sections')).toBe('sections');
    const names = JSON.stringify(RAW_MODULE_DEF_TYPESPACE);
    expect(names).toContain('"name":"algebraic_type"');
    expect(names).not.toContain('"name":"algebraicType"');
  });
});

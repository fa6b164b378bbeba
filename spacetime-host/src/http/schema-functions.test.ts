import { describe, expect, it } from 'vitest';
import type { FunctionSchema, ModuleSchema } from '../schema/module-schema.js';
import { findProcedure, findReducer } from './schema-functions.js';

const fn = (id: number, name: string): FunctionSchema => ({
  id,
  name,
  params: { elements: [] },
  clientCallable: true,
});

function schema(reducers: FunctionSchema[], procedures: FunctionSchema[] = []): ModuleSchema {
  return { typespace: { types: [] }, tables: [], reducers, procedures, views: [], lifecycle: {} };
}

describe('findReducer / findProcedure', () => {
  it('find functions by exact name, reducers and procedures apart', () => {
    const module = schema([fn(0, 'add'), fn(1, 'remove')], [fn(0, 'fetch')]);
    expect(findReducer(module, 'remove')?.id).toBe(1);
    expect(findReducer(module, 'fetch')).toBeUndefined();
    expect(findProcedure(module, 'fetch')?.id).toBe(0);
    expect(findProcedure(module, 'add')).toBeUndefined();
    expect(findReducer(module, 'Add')).toBeUndefined();
    expect(findReducer(module, '')).toBeUndefined();
  });

  it('return the first of duplicate names, as a linear search would', () => {
    const module = schema([fn(0, 'twice'), fn(1, 'twice')]);
    expect(findReducer(module, 'twice')?.id).toBe(0);
  });

  it('keep each schema apart (an updated module brings a new schema)', () => {
    const v1 = schema([fn(0, 'old')]);
    const v2 = schema([fn(0, 'new')]);
    expect(findReducer(v1, 'old')?.id).toBe(0);
    expect(findReducer(v2, 'old')).toBeUndefined();
    expect(findReducer(v2, 'new')?.id).toBe(0);
  });

  it('do not mistake inherited object properties for functions', () => {
    const module = schema([fn(0, 'add')]);
    expect(findReducer(module, 'constructor')).toBeUndefined();
    expect(findReducer(module, '__proto__')).toBeUndefined();
  });
});

import type { FunctionSchema, ModuleSchema, ReducerSchema } from '../schema/module-schema.js';

interface FunctionsByName {
  readonly reducers: ReadonlyMap<string, ReducerSchema>;
  readonly procedures: ReadonlyMap<string, FunctionSchema>;
}

/** Built once per schema (a database's schema is immutable; an update brings a new one). */
const indexes = new WeakMap<ModuleSchema, FunctionsByName>();

/** The module's reducer called `name`, found without scanning every reducer on each request. */
export function findReducer(schema: ModuleSchema, name: string): ReducerSchema | undefined {
  return functionsByName(schema).reducers.get(name);
}

/** The module's procedure called `name`. */
export function findProcedure(schema: ModuleSchema, name: string): FunctionSchema | undefined {
  return functionsByName(schema).procedures.get(name);
}

function functionsByName(schema: ModuleSchema): FunctionsByName {
  let index = indexes.get(schema);
  if (index === undefined) {
    index = { reducers: byName(schema.reducers), procedures: byName(schema.procedures) };
    indexes.set(schema, index);
  }
  return index;
}

/** Names to functions; the first of duplicate names wins, as a linear search would find it. */
function byName<T extends FunctionSchema>(functions: readonly T[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const fn of functions) if (!map.has(fn.name)) map.set(fn.name, fn);
  return map;
}

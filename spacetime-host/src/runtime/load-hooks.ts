import type { Realm } from './create-realm.js';
import { ModuleLoadError } from './module-errors.js';
import { moduleHooks } from './sys-modules.js';

/** The object `default[moduleHooks](exports)` returns (spacetime:sys@2.0 `ModuleHooks`). */
export interface ModuleHooks {
  __describe_module__(): unknown;
  __get_error_constructor__(code: number): new (message: string) => Error;
  readonly __sender_error_class__: abstract new (...args: never[]) => unknown;
  __call_reducer__(
    id: number,
    sender: bigint,
    connId: bigint,
    timestamp: bigint,
    args: DataView,
  ): unknown;
  __call_view__(id: number, sender: bigint, args: Uint8Array): unknown;
  __call_view_anon__(id: number, args: Uint8Array): unknown;
  __call_procedure__(
    id: number,
    sender: bigint,
    connId: bigint,
    timestamp: bigint,
    args: Uint8Array,
  ): unknown;
}

const REQUIRED_HOOKS = [
  '__describe_module__',
  '__get_error_constructor__',
  '__sender_error_class__',
  '__call_reducer__',
  '__call_view__',
  '__call_view_anon__',
  '__call_procedure__',
] as const;

/**
 * Evaluates a lowered (CommonJS) module in `realm` and asks its default export
 * for the hooks, as SpacetimeDB's `get_hooks_from_default_export` does: the
 * default export must carry a `[moduleHooks]` function, called with the
 * module's namespace object.
 */
export function loadHooks(
  realm: Realm,
  code: string,
  sysRequire: (specifier: string) => unknown,
): ModuleHooks {
  let body: ReturnType<Realm['compileCommonJs']>;
  try {
    body = realm.compileCommonJs(code, 'spacetimedb_module');
  } catch (error) {
    throw new ModuleLoadError(`the module bundle could not be compiled: ${String(error)}`, {
      cause: error,
    });
  }
  const module = { exports: realm.nullObject() as unknown };
  try {
    body(module.exports as object, sysRequire, module);
  } catch (error) {
    throw new ModuleLoadError(`the module threw while loading: ${describe(error)}`, {
      cause: error,
    });
  }
  const namespace = namespaceOf(realm, module.exports);
  const schema = namespace.default;
  if (schema === undefined || schema === null) {
    throw new ModuleLoadError('the module must export its schema as the default export');
  }
  const makeHooks = (schema as Record<PropertyKey, unknown>)[moduleHooks];
  if (typeof makeHooks !== 'function') {
    throw new ModuleLoadError(
      'the default export is not a Schema object (made with `schema(...)` of spacetimedb/server)',
    );
  }
  let hooks: unknown;
  try {
    hooks = makeHooks.call(schema, namespace);
  } catch (error) {
    throw new ModuleLoadError(`the module's schema rejected its exports: ${describe(error)}`, {
      cause: error,
    });
  }
  if (typeof hooks !== 'object' || hooks === null) {
    throw new ModuleLoadError('the module hooks are not an object');
  }
  for (const name of REQUIRED_HOOKS) {
    if (typeof (hooks as Record<string, unknown>)[name] !== 'function') {
      throw new ModuleLoadError(`the module hooks lack the function \`${name}\``);
    }
  }
  return hooks as ModuleHooks;
}

/**
 * An ES module namespace object for the module's exports: SpacetimeDB passes
 * the real one, whose keys are sorted, and the library registers reducers in
 * that order, so the order decides reducer ids.
 */
function namespaceOf(realm: Realm, exports: unknown): Record<string, unknown> {
  const namespace = realm.nullObject() as Record<PropertyKey, unknown>;
  if (typeof exports === 'object' && exports !== null) {
    const source = exports as Record<string, unknown>;
    for (const key of Object.keys(source).sort()) namespace[key] = source[key];
  }
  namespace[Symbol.toStringTag] = 'Module';
  return realm.freeze(namespace) as Record<string, unknown>;
}

function describe(error: unknown): string {
  try {
    const stack = (error as { stack?: unknown } | null)?.stack;
    return typeof stack === 'string' ? stack : String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}

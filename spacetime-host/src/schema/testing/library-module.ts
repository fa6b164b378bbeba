// Test support: builds real module definitions with the `spacetimedb`
// library's own `schema`/`table`/`reducer`, so decoding is checked against
// exactly what modules emit. Test files mock `spacetime:sys@2.0` with
// `sysMock` (see module-schema.test.ts).

/** Whatever the library returns: callable and indexable all the way down. */
export type Loose = ((...args: unknown[]) => Loose) & { readonly [key: string]: Loose };

export const moduleHooks = Symbol('moduleHooks');

export const sysMock = {
  moduleHooks,
  row_iter_bsatn_close: () => {},
  console_log: () => {},
};

// A computed specifier keeps tsc from type-checking the library's sources.
const SERVER_SOURCE = new URL(
  '../../../../node_modules/spacetimedb/src/server/index.ts',
  import.meta.url,
).href;

/** Imports `spacetimedb/server` from source; its polyfills replace `console`, so that is restored. */
export async function loadServerLibrary(): Promise<Loose> {
  const saved = globalThis.console;
  const library = (await import(/* @vite-ignore */ SERVER_SOURCE)) as Loose;
  globalThis.console = saved;
  return library;
}

/**
 * What the host gets from `__describe_module__` for a module whose default
 * export is `schema`; reducers and other functions are named by `exports`.
 */
export function describeModule(schema: Loose, exports: Record<string, unknown> = {}): Uint8Array {
  const withHooks = schema as unknown as Record<symbol, (exports: object) => Loose>;
  const hooks = withHooks[moduleHooks]!({ default: schema, ...exports });
  return hooks.__describe_module__!() as unknown as Uint8Array;
}

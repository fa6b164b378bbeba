import vm from 'node:vm';
import { REALM_POLYFILLS_SOURCE } from './realm-polyfills.js';

/** A CommonJS module body: what `lowerBundle` turns a module bundle into. */
export type CommonJsBody = (
  exports: object,
  require: (specifier: string) => unknown,
  module: { exports: unknown },
) => void;

/**
 * A sandboxed JavaScript realm (a `node:vm` context) holding one module, with
 * the constructors the host needs to create values the module can check with
 * `instanceof` (the library tests `instanceof DataView`, for example).
 */
export interface Realm {
  readonly context: vm.Context;
  readonly ArrayBuffer: ArrayBufferConstructor;
  readonly DataView: DataViewConstructor;
  readonly Uint8Array: Uint8ArrayConstructor;
  readonly Error: ErrorConstructor;
  readonly TypeError: TypeErrorConstructor;
  readonly RangeError: RangeErrorConstructor;
  /** A fresh `Object.create(null)` of the realm. */
  nullObject(): Record<PropertyKey, unknown>;
  freeze<T>(value: T): T;
  /** Compiles `code` (a CommonJS body) into a function of the realm. */
  compileCommonJs(code: string, filename: string): CommonJsBody;
  /** Copies host bytes into a new `Uint8Array` of the realm. */
  copyBytes(bytes: Uint8Array): Uint8Array;
}

interface RealmExports {
  readonly ArrayBuffer: ArrayBufferConstructor;
  readonly DataView: DataViewConstructor;
  readonly Uint8Array: Uint8ArrayConstructor;
  readonly Error: ErrorConstructor;
  readonly TypeError: TypeErrorConstructor;
  readonly RangeError: RangeErrorConstructor;
  readonly nullObject: () => Record<PropertyKey, unknown>;
  readonly freeze: <T>(value: T) => T;
}

const encoder = new TextEncoder();
// SpacetimeDB decodes with Rust's `str::from_utf8`, which keeps a leading BOM.
const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const fatalDecoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

const hostTextHelpers = Object.freeze({
  utf8Encode: (text: string): Uint8Array => encoder.encode(text),
  utf8EncodeInto: (text: string, destination: Uint8Array) => encoder.encodeInto(text, destination),
  utf8Decode: (input: ArrayBuffer | ArrayBufferView, fatal: boolean): string =>
    (fatal ? fatalDecoder : lenientDecoder).decode(input as Uint8Array),
});

/**
 * Global lookups in a `node:vm` context go through the context's property
 * interceptors, far slower than in a normal realm; module code reads
 * `DataView`, `BigInt` and friends on every call. The builtins are bound as
 * locals around the module instead (module code may still shadow them).
 */
const BUILTIN_NAMES = [
  'Object',
  'Function',
  'Array',
  'Number',
  'Boolean',
  'String',
  'Symbol',
  'Date',
  'Promise',
  'RegExp',
  'Error',
  'AggregateError',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'JSON',
  'Math',
  'Intl',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'Uint8ClampedArray',
  'BigUint64Array',
  'BigInt64Array',
  'Map',
  'BigInt',
  'Set',
  'WeakMap',
  'WeakSet',
  'Proxy',
  'Reflect',
  'FinalizationRegistry',
  'WeakRef',
  'Atomics',
  'parseFloat',
  'parseInt',
  'isFinite',
  'isNaN',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'TextEncoder',
  'TextDecoder',
  'Iterator',
];

const polyfillsScript = new vm.Script(REALM_POLYFILLS_SOURCE, {
  filename: 'spacetime:internal_builtins',
});

/** Creates a realm with no Node APIs: only the language builtins and SpacetimeDB's additions. */
export function createRealm(): Realm {
  const context = vm.createContext({}, { name: 'spacetimedb_module' });
  const install = polyfillsScript.runInContext(context) as (
    host: typeof hostTextHelpers,
  ) => RealmExports;
  const realm = install(hostTextHelpers);
  return {
    context,
    ArrayBuffer: realm.ArrayBuffer,
    DataView: realm.DataView,
    Uint8Array: realm.Uint8Array,
    Error: realm.Error,
    TypeError: realm.TypeError,
    RangeError: realm.RangeError,
    nullObject: realm.nullObject,
    freeze: realm.freeze,
    compileCommonJs(code, filename) {
      // The wrapper shares the first line with the program so line numbers in stack traces stay true.
      const prelude = `const globalThis = realmGlobal; const { ${BUILTIN_NAMES.join(', ')} } = realmGlobal; const undefined = void 0, NaN = 0 / 0, Infinity = 1 / 0;`;
      const wrapped = `(function (realmGlobal) { return function (exports, require, module) { ${prelude} return (function () {${code}\n})(); }; })(globalThis)`;
      const script = new vm.Script(wrapped, { filename });
      return script.runInContext(context) as CommonJsBody;
    },
    copyBytes(bytes) {
      const copy = new realm.Uint8Array(bytes.length);
      copy.set(bytes);
      return copy;
    },
  };
}

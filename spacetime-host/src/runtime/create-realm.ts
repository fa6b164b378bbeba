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
      const script = new vm.Script(`(function (exports, require, module) {${code}\n})`, {
        filename,
      });
      return script.runInContext(context) as CommonJsBody;
    },
    copyBytes(bytes) {
      const copy = new realm.Uint8Array(bytes.length);
      copy.set(bytes);
      return copy;
    },
  };
}

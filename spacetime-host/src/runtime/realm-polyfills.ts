/**
 * JavaScript evaluated inside a fresh module realm before the module runs.
 *
 * SpacetimeDB runs modules in a recent V8 with nothing but the language
 * builtins, plus `TextEncoder`/`TextDecoder` and without `Math.random`
 * (crates/core/src/host/v8/builtins). Node 20's realms are older, so this adds
 * what newer V8 has and module code relies on: `Symbol.dispose` (lowered
 * `using` needs it), the ES2025 `Set` methods (`isSubsetOf` is used by the
 * library), iterator helpers, `Promise.withResolvers`, `Object.groupBy`.
 *
 * It is a function of one argument, the host's UTF-8 helpers, and returns the
 * realm's constructors the host needs to build values the module can
 * `instanceof`-check.
 */
export const REALM_POLYFILLS_SOURCE = `(function (host) {
  'use strict';
  const define = (target, name, value) =>
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });

  delete globalThis.console;

  if (typeof Symbol.dispose !== 'symbol') define(Symbol, 'dispose', Symbol.for('Symbol.dispose'));
  if (typeof Symbol.asyncDispose !== 'symbol') define(Symbol, 'asyncDispose', Symbol.for('Symbol.asyncDispose'));

  const setLike = (other) => {
    if (other == null || typeof other.has !== 'function' || typeof other.keys !== 'function') {
      throw new TypeError('expected a set-like object');
    }
    return other;
  };
  const setMethods = {
    union(other) { const out = new Set(this); for (const v of setLike(other).keys()) out.add(v); return out; },
    intersection(other) { setLike(other); const out = new Set(); for (const v of this) if (other.has(v)) out.add(v); return out; },
    difference(other) { setLike(other); const out = new Set(); for (const v of this) if (!other.has(v)) out.add(v); return out; },
    symmetricDifference(other) {
      const out = new Set(this);
      for (const v of setLike(other).keys()) { if (this.has(v)) out.delete(v); else out.add(v); }
      return out;
    },
    isSubsetOf(other) { setLike(other); for (const v of this) if (!other.has(v)) return false; return true; },
    isSupersetOf(other) { for (const v of setLike(other).keys()) if (!this.has(v)) return false; return true; },
    isDisjointFrom(other) { setLike(other); for (const v of this) if (other.has(v)) return false; return true; },
  };
  for (const name of Object.keys(setMethods)) {
    if (typeof Set.prototype[name] !== 'function') define(Set.prototype, name, setMethods[name]);
  }

  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  if (typeof globalThis.Iterator !== 'function') {
    const Iterator = function Iterator() {
      if (new.target === undefined || new.target === Iterator) throw new TypeError('Iterator is abstract');
    };
    Iterator.prototype = IteratorPrototype;
    define(IteratorPrototype, 'constructor', Iterator);
    define(Iterator, 'from', function from(value) {
      const iterator = typeof value[Symbol.iterator] === 'function' ? value[Symbol.iterator]() : value;
      if (iterator instanceof Iterator) return iterator;
      return (function* () { yield* { [Symbol.iterator]: () => iterator }; })();
    });
    define(globalThis, 'Iterator', Iterator);
  }
  const helpers = {
    *map(fn) { let i = 0; for (const v of { [Symbol.iterator]: () => this }) yield fn(v, i++); },
    *filter(fn) { let i = 0; for (const v of { [Symbol.iterator]: () => this }) if (fn(v, i++)) yield v; },
    *take(limit) {
      let left = Number(limit);
      if (!(left >= 0)) throw new RangeError('take: limit must be a non-negative number');
      if (left === 0) { this.return?.(); return; }
      for (const v of { [Symbol.iterator]: () => this }) { yield v; if (--left <= 0) return; }
    },
    *drop(limit) {
      let left = Number(limit);
      if (!(left >= 0)) throw new RangeError('drop: limit must be a non-negative number');
      for (const v of { [Symbol.iterator]: () => this }) { if (left > 0) { left--; continue; } yield v; }
    },
    *flatMap(fn) { let i = 0; for (const v of { [Symbol.iterator]: () => this }) yield* fn(v, i++); },
    reduce(fn, ...init) {
      let i = 0; let acc; let started = init.length > 0;
      if (started) acc = init[0];
      for (const v of { [Symbol.iterator]: () => this }) {
        if (!started) { acc = v; started = true; i++; continue; }
        acc = fn(acc, v, i++);
      }
      if (!started) throw new TypeError('reduce of empty iterator with no initial value');
      return acc;
    },
    toArray() { return Array.from({ [Symbol.iterator]: () => this }); },
    forEach(fn) { let i = 0; for (const v of { [Symbol.iterator]: () => this }) fn(v, i++); },
    some(fn) { let i = 0; for (const v of { [Symbol.iterator]: () => this }) if (fn(v, i++)) return true; return false; },
    every(fn) { let i = 0; for (const v of { [Symbol.iterator]: () => this }) if (!fn(v, i++)) return false; return true; },
    find(fn) { let i = 0; for (const v of { [Symbol.iterator]: () => this }) if (fn(v, i++)) return v; return undefined; },
  };
  for (const name of Object.keys(helpers)) {
    if (typeof IteratorPrototype[name] !== 'function') define(IteratorPrototype, name, helpers[name]);
  }

  if (typeof Promise.withResolvers !== 'function') {
    define(Promise, 'withResolvers', function withResolvers() {
      let resolve; let reject;
      const promise = new this((res, rej) => { resolve = res; reject = rej; });
      return { promise, resolve, reject };
    });
  }
  const groupBy = (items, fn, make, add) => {
    const out = make(); let i = 0;
    for (const item of items) add(out, fn(item, i++), item);
    return out;
  };
  if (typeof Object.groupBy !== 'function') {
    define(Object, 'groupBy', (items, fn) => groupBy(items, fn, () => Object.create(null),
      (o, k, v) => { const key = typeof k === 'symbol' ? k : String(k); (o[key] ??= []).push(v); }));
  }
  if (typeof Map.groupBy !== 'function') {
    define(Map, 'groupBy', (items, fn) => groupBy(items, fn, () => new Map(),
      (m, k, v) => { const list = m.get(k); if (list) list.push(v); else m.set(k, [v]); }));
  }

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') {
      const bytes = host.utf8Encode(String(input));
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    encodeInto(input, destination) {
      const { read, written } = host.utf8EncodeInto(String(input), destination);
      return { read, written };
    }
  }
  class TextDecoder {
    #fatal;
    constructor(label = 'utf-8', options = {}) {
      if (label !== 'utf-8') throw new RangeError('The encoding label provided is invalid');
      if (options.ignoreBOM) throw new TypeError("Option 'ignoreBOM' not supported");
      this.#fatal = !!options.fatal;
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return false; }
    decode(input) {
      if (input === undefined) return '';
      if (!(ArrayBuffer.isView(input) || input instanceof ArrayBuffer || input instanceof SharedArrayBuffer)) {
        throw new TypeError('argument is not an ArrayBuffer or a view on one');
      }
      return host.utf8Decode(input, this.#fatal);
    }
  }
  define(globalThis, 'TextEncoder', TextEncoder);
  define(globalThis, 'TextDecoder', TextDecoder);

  delete Math.random;
  Object.defineProperty(Math, 'random', {
    enumerable: false,
    configurable: true,
    get() {
      throw new TypeError('Math.random is not available in SpacetimeDB modules. Use ctx.random instead.');
    },
  });

  return {
    ArrayBuffer, DataView, Uint8Array, Error, TypeError, RangeError,
    nullObject: () => Object.create(null),
    freeze: Object.freeze,
  };
})`;

import { bytesEqual, hashBytes } from '../datastore/row-bytes.js';

interface Entry<V> {
  readonly key: Uint8Array;
  value: V;
}

/**
 * A Map keyed by byte strings compared by contents (rows, column values,
 * index keys), bucketed by their FNV-1a hash: a numeric Map key is several
 * times cheaper than turning the bytes into a string key.
 */
export class BytesMap<V> {
  readonly #buckets = new Map<number, Entry<V>[]>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: Uint8Array): V | undefined {
    const bucket = this.#buckets.get(hashBytes(key));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (bytesEqual(entry.key, key)) return entry.value;
    return undefined;
  }

  set(key: Uint8Array, value: V): void {
    const hash = hashBytes(key);
    const bucket = this.#buckets.get(hash);
    if (bucket === undefined) {
      this.#buckets.set(hash, [{ key, value }]);
      this.#size++;
      return;
    }
    for (const entry of bucket) {
      if (bytesEqual(entry.key, key)) {
        entry.value = value;
        return;
      }
    }
    bucket.push({ key, value });
    this.#size++;
  }

  /** The value at `key`, created by `create` when absent. */
  upsert(key: Uint8Array, create: () => V): V {
    const existing = this.get(key);
    if (existing !== undefined) return existing;
    const value = create();
    this.set(key, value);
    return value;
  }

  delete(key: Uint8Array): boolean {
    const hash = hashBytes(key);
    const bucket = this.#buckets.get(hash);
    if (bucket === undefined) return false;
    const at = bucket.findIndex((entry) => bytesEqual(entry.key, key));
    if (at < 0) return false;
    if (bucket.length === 1) this.#buckets.delete(hash);
    else bucket.splice(at, 1);
    this.#size--;
    return true;
  }

  *entries(): IterableIterator<[Uint8Array, V]> {
    for (const bucket of this.#buckets.values()) {
      for (const entry of bucket) yield [entry.key, entry.value];
    }
  }

  *values(): IterableIterator<V> {
    for (const bucket of this.#buckets.values()) for (const entry of bucket) yield entry.value;
  }
}

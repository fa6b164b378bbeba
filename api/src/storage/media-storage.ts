import type { Readable } from 'node:stream';

/** A byte range, both ends inclusive, as in `Range: bytes=start-end`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface StoredObject {
  readonly body: Readable;
  readonly contentType: string;
  /** The whole object's size, whatever range was read. */
  readonly size: number;
  /** The range `body` holds (its end cut to the object's), when one was asked for. */
  readonly range?: ByteRange;
  readonly etag: string;
}

export interface PutOptions {
  readonly contentType: string;
  /** Sent back to browsers (S3 keeps it on the object; local files are served with it). */
  readonly cacheControl: string;
}

/**
 * Where media bytes live. Keys are random and written once (never
 * overwritten), so every copy of an object can be cached forever.
 * Implementations: files under the data directory, and S3-compatible storage.
 */
export interface MediaStorage {
  /** Streams `body` into the object `key`; the object appears whole or not at all. */
  put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<void>;
  /**
   * The object, or undefined when there is none. As in HTTP, a range's end is
   * cut to the object's last byte; a range starting past it is a RangeError.
   */
  get(key: string, range?: ByteRange): Promise<StoredObject | undefined>;
  /** Removes the object; removing one that is absent succeeds. */
  delete(key: string): Promise<void>;
  /** The absolute URL a browser loads the object from. */
  publicUrl(key: string): string;
}

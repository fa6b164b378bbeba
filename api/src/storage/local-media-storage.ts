import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FORMAT_BY_EXTENSION } from '../media/media-format.js';
import { assertMediaKey, extensionOf } from './media-key.js';
import type { ByteRange, MediaStorage, PutOptions, StoredObject } from './media-storage.js';

export interface LocalMediaStorageOptions {
  /** `${KITH_DATA_DIR}/media` */
  readonly dir: string;
  /** Where the API serves the folder: `${PUBLIC_URL}/media`. */
  readonly publicBaseUrl: string;
}

/**
 * Media as files under the data directory, served by the API at
 * `/media/<key>`. The content type follows from the key's extension, so no
 * metadata is kept beside the bytes.
 */
export class LocalMediaStorage implements MediaStorage {
  constructor(private readonly options: LocalMediaStorageOptions) {}

  async put(key: string, body: Readable | Uint8Array, _options: PutOptions): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside the target and renamed: a reader never sees half a file.
    const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
    try {
      const source = body instanceof Readable ? body : Readable.from([body]);
      await pipeline(source, createWriteStream(partial, { flags: 'wx', mode: 0o644 }));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    const file = this.fileOf(key);
    const stats = await stat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stats === undefined || !stats.isFile()) return undefined;
    if (range !== undefined && (range.start > range.end || range.start >= stats.size)) {
      throw new RangeError(`Range ${range.start}-${range.end} is outside ${key}`);
    }
    const read =
      range === undefined
        ? undefined
        : { start: range.start, end: Math.min(range.end, stats.size - 1) };
    return {
      body: createReadStream(file, read ?? {}),
      contentType: contentTypeOf(key),
      size: stats.size,
      ...(read === undefined ? {} : { range: read }),
      etag: `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
    };
  }

  async delete(key: string): Promise<void> {
    const file = this.fileOf(key);
    await rm(file, { force: true });
    // The media item's folder goes with its last file.
    await rmdir(path.dirname(file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'ENOENT' && error.code !== 'EEXIST')
        throw error;
    });
  }

  publicUrl(key: string): string {
    assertMediaKey(key);
    return `${this.options.publicBaseUrl}/${key}`;
  }

  private fileOf(key: string): string {
    assertMediaKey(key);
    return path.join(this.options.dir, ...key.split('/'));
  }
}

/** What a stored key is served as; keys only ever end in an accepted format's extension. */
export function contentTypeOf(key: string): string {
  return FORMAT_BY_EXTENSION.get(extensionOf(key))?.contentType ?? 'application/octet-stream';
}

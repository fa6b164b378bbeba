import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertMediaKey } from './media-key.js';
import type { ByteRange, MediaStorage, PutOptions, StoredObject } from './media-storage.js';

export interface S3MediaStorageOptions {
  /** e.g. `https://<account>.r2.cloudflarestorage.com` for Cloudflare R2. */
  readonly endpoint: string;
  /** R2 takes `auto`. */
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Where browsers load objects: the bucket's public domain or CDN, no trailing slash. */
  readonly publicBaseUrl: string;
}

/**
 * Media in S3-compatible object storage (Cloudflare R2 in production).
 * Bytes stream to the bucket through multipart upload: nothing is written to
 * a temporary file, and an object appears only when the upload completes.
 */
export class S3MediaStorage implements MediaStorage {
  private readonly client: S3Client;

  constructor(private readonly options: S3MediaStorageOptions) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      credentials: {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
      },
      // Bucket in the path, not the host name: what R2 and most S3-compatible stores expect.
      forcePathStyle: true,
      // Checksums only where S3 requires them: not every S3-compatible store
      // accepts the SDK's default CRC32 headers on multipart parts.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<void> {
    assertMediaKey(key);
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.options.bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
      },
    });
    await upload.done();
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | undefined> {
    assertMediaKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          ...(range === undefined ? {} : { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      const read = range === undefined ? undefined : parseContentRange(object.ContentRange);
      const size = read === undefined ? object.ContentLength : read.size;
      if (
        object.Body === undefined ||
        size === undefined ||
        (range !== undefined && read === undefined)
      ) {
        throw new Error(`S3 answered GetObject ${key} without a body, size or range`);
      }
      return {
        body: object.Body as Readable,
        contentType: object.ContentType ?? 'application/octet-stream',
        size,
        ...(read === undefined ? {} : { range: { start: read.start, end: read.end } }),
        etag: object.ETag ?? `"${size.toString(16)}"`,
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) {
        throw new RangeError(`Range ${range?.start}-${range?.end} is outside ${key}`);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertMediaKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  publicUrl(key: string): string {
    assertMediaKey(key);
    return `${this.options.publicBaseUrl}/${key}`;
  }

  /** Closes the SDK's connection pool. */
  close(): void {
    this.client.destroy();
  }
}

/** `bytes 0-9/1234` → { start: 0, end: 9, size: 1234 }. */
function parseContentRange(
  header: string | undefined,
): { start: number; end: number; size: number } | undefined {
  const match = header?.match(/^bytes (\d+)-(\d+)\/(\d+)$/);
  if (match === null || match === undefined) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) };
}

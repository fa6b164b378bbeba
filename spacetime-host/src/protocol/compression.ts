import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { ProtocolError } from './protocol-error.js';

/** The `compression` query parameter of the subscribe route (SpacetimeDB's `Compression`). */
export type Compression = 'None' | 'Brotli' | 'Gzip';

export const COMPRESSIONS: readonly Compression[] = ['None', 'Brotli', 'Gzip'];

/** What SpacetimeDB assumes when a client does not say. */
export const DEFAULT_COMPRESSION: Compression = 'Brotli';

/** The first byte of every binary server frame says how the rest is compressed. */
export const COMPRESSION_TAG: Readonly<Record<Compression, number>> = {
  None: 0,
  Brotli: 1,
  Gzip: 2,
};

/** SpacetimeDB compresses only payloads larger than this; small ones are sent as they are. */
export const COMPRESS_THRESHOLD = 1024;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
// The fastest settings, as SpacetimeDB chooses (brotli quality 1, gzip "fast").
const GZIP_OPTIONS: zlib.ZlibOptions = { level: 1 };
const BROTLI_OPTIONS: zlib.BrotliOptions = {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 },
};

/** Whether SpacetimeDB compresses a payload of `payloadLength` bytes for a client that asked for `compression`. */
export function shouldCompress(payloadLength: number, compression: Compression): boolean {
  return compression !== 'None' && payloadLength > COMPRESS_THRESHOLD;
}

/**
 * Turns a payload into a frame: the compression tag, then the payload
 * compressed with `compression` when it is larger than the threshold.
 * `tagged` holds one spare byte at index 0 for the tag, so the common
 * uncompressed case needs no copy (and can use `plainFrame`, without waiting).
 */
export async function compressFrame(
  tagged: Uint8Array,
  compression: Compression,
): Promise<Uint8Array> {
  if (!shouldCompress(tagged.length - 1, compression)) return plainFrame(tagged);
  const payload = tagged.subarray(1);
  const compressed =
    compression === 'Gzip'
      ? await gzip(payload, GZIP_OPTIONS)
      : await brotli(payload, BROTLI_OPTIONS);
  const frame = new Uint8Array(compressed.length + 1);
  frame[0] = COMPRESSION_TAG[compression];
  frame.set(compressed, 1);
  return frame;
}

/** The uncompressed frame for `tagged`: its spare first byte becomes tag 0. */
export function plainFrame(tagged: Uint8Array): Uint8Array {
  tagged[0] = COMPRESSION_TAG.None;
  return tagged;
}

/** Reads a server frame back into its payload (what an SDK does before decoding). */
export function decompressFrame(frame: Uint8Array): Uint8Array {
  const tag = frame[0];
  const data = frame.subarray(1);
  try {
    if (tag === COMPRESSION_TAG.None) return data;
    if (tag === COMPRESSION_TAG.Gzip) return new Uint8Array(zlib.gunzipSync(data));
    if (tag === COMPRESSION_TAG.Brotli) return new Uint8Array(zlib.brotliDecompressSync(data));
  } catch (error) {
    throw new ProtocolError(`cannot decompress frame: ${(error as Error).message}`);
  }
  throw new ProtocolError(`unknown compression tag ${tag}`);
}

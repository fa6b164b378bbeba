// One suite every MediaStorage implementation passes (local files, S3).
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { mediaKey } from '../../../src/storage/media-key.js';
import type { MediaStorage, StoredObject } from '../../../src/storage/media-storage.js';

const PUT = { contentType: 'image/jpeg', cacheControl: 'private, max-age=31536000, immutable' };

async function bytesOf(object: StoredObject): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Deterministic bytes that do not compress. */
function noise(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

export function describeMediaStorage(
  name: string,
  setup: () => { storage: () => MediaStorage; publicBaseUrl: () => string },
): void {
  describe(`${name} (MediaStorage contract)`, () => {
    const { storage, publicBaseUrl } = setup();
    const newKey = (file = 'image.jpg') => {
      const [base, extension] = file.split('.') as [string, string];
      return mediaKey(randomUUID(), base, extension);
    };

    it('stores bytes and reads them back with their content type and size', async () => {
      const key = newKey();
      const bytes = noise(5000, 1);
      await storage().put(key, bytes, PUT);
      const object = await storage().get(key);
      expect(object).toBeDefined();
      expect(object!.contentType).toBe('image/jpeg');
      expect(object!.size).toBe(5000);
      expect(object!.etag).toMatch(/^"[^"]+"$/);
      expect(sha256(await bytesOf(object!))).toBe(sha256(bytes));
    });

    it('streams a 12 MB body in many chunks without changing a byte', async () => {
      const key = newKey();
      const bytes = noise(12 * 1024 * 1024, 2);
      const chunks = Array.from({ length: 48 }, (_, i) =>
        bytes.subarray(i * 262_144, (i + 1) * 262_144),
      );
      await storage().put(key, Readable.from(chunks), PUT);
      const object = await storage().get(key);
      expect(object!.size).toBe(bytes.length);
      expect(sha256(await bytesOf(object!))).toBe(sha256(bytes));
    });

    it('reads a byte range, reporting the whole size', async () => {
      const key = newKey('audio.mp3');
      await storage().put(key, Buffer.from('0123456789abcdef'), {
        ...PUT,
        contentType: 'audio/mpeg',
      });
      const object = await storage().get(key, { start: 4, end: 9 });
      expect(object!.size).toBe(16);
      expect(object!.range).toEqual({ start: 4, end: 9 });
      expect(object!.contentType).toBe('audio/mpeg');
      expect(await text(object!.body)).toBe('456789');
    });

    it('cuts a range at the last byte, and refuses one that starts past it', async () => {
      const key = newKey();
      await storage().put(key, Buffer.from('short'), PUT);
      const tail = await storage().get(key, { start: 2, end: 99 });
      expect(tail!.range).toEqual({ start: 2, end: 4 });
      expect(await text(tail!.body)).toBe('ort');
      await expect(storage().get(key, { start: 5, end: 9 })).rejects.toThrow(RangeError);
    });

    it('answers undefined for an object that was never stored', async () => {
      expect(await storage().get(newKey())).toBeUndefined();
    });

    it('deletes an object, and deleting it again succeeds', async () => {
      const key = newKey();
      await storage().put(key, Buffer.from('bytes'), PUT);
      await storage().delete(key);
      expect(await storage().get(key)).toBeUndefined();
      await storage().delete(key);
    });

    it('leaves no object behind when the body fails half way', async () => {
      const key = newKey();
      async function* failing() {
        yield noise(1024 * 1024, 3);
        throw new Error('the uploader went away');
      }
      await expect(storage().put(key, Readable.from(failing()), PUT)).rejects.toThrow();
      expect(await storage().get(key)).toBeUndefined();
    });

    it('gives the public URL under its base', () => {
      const key = newKey('thumbnail.webp');
      expect(storage().publicUrl(key)).toBe(`${publicBaseUrl()}/${key}`);
    });

    it.each([
      '../../etc/passwd',
      `${randomUUID()}/../../x.jpg`,
      `${randomUUID()}/a/b.jpg`,
      `${randomUUID().toUpperCase()}/image.jpg`,
      `${randomUUID()}/image`,
      '/absolute/image.jpg',
      '',
    ])('refuses the key %j for every operation', async (key) => {
      await expect(storage().put(key, Buffer.from('x'), PUT)).rejects.toThrow(RangeError);
      await expect(storage().get(key)).rejects.toThrow(RangeError);
      await expect(storage().delete(key)).rejects.toThrow(RangeError);
      expect(() => storage().publicUrl(key)).toThrow(RangeError);
    });
  });
}

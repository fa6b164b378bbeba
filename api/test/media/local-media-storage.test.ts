import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalMediaStorage } from '../../src/storage/local-media-storage.js';
import { mediaKey } from '../../src/storage/media-key.js';
import { describeMediaStorage } from './support/media-storage-contract.js';

const BASE = 'http://127.0.0.1:8080/media';
let dir: string;
let storage: LocalMediaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-local-media-'));
  storage = new LocalMediaStorage({ dir, publicBaseUrl: BASE });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describeMediaStorage('LocalMediaStorage', () => ({
  storage: () => storage,
  publicBaseUrl: () => BASE,
}));

describe('LocalMediaStorage on disk', () => {
  it('keeps each object as a file under its media id, with no partial files left', async () => {
    const key = mediaKey('0b7c1a9e-4a44-4c55-9a53-0d4f1c1b2a3d', 'image', 'png');
    await storage.put(key, Buffer.from('png bytes'), {
      contentType: 'image/png',
      cacheControl: 'public',
    });
    const file = path.join(dir, '0b7c1a9e-4a44-4c55-9a53-0d4f1c1b2a3d', 'image.png');
    expect((await stat(file)).size).toBe(9);
    expect(await readdir(path.dirname(file))).toEqual(['image.png']);
  });

  it('removes a media item’s folder with its last file', async () => {
    const id = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    const put = (name: string) =>
      storage.put(mediaKey(id, name, 'webp'), Buffer.from(name), {
        contentType: 'image/webp',
        cacheControl: 'public',
      });
    await put('image');
    await put('thumbnail');
    await storage.delete(mediaKey(id, 'image', 'webp'));
    expect(await readdir(path.join(dir, id))).toEqual(['thumbnail.webp']);
    await storage.delete(mediaKey(id, 'thumbnail', 'webp'));
    expect(await readdir(dir)).not.toContain(id);
  });
});

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
});

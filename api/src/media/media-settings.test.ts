import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MediaSettingsError, mediaConfigFrom, mediaSettingsShape } from './media-settings.js';

const schema = z.object(mediaSettingsShape);
const WHERE = { dataDir: '/srv/kith', publicUrl: 'https://kith.example' };
const S3 = {
  S3_BUCKET: 'kith-media',
  S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com',
  S3_ACCESS_KEY_ID: 'id',
  S3_SECRET_ACCESS_KEY: 'secret',
  S3_PUBLIC_BASE_URL: 'https://media.kith.example/',
};

describe('media settings', () => {
  it('keeps media in the data directory by default, with the default limits', () => {
    const config = mediaConfigFrom(schema.parse({}), WHERE);
    expect(config.storage).toEqual({
      kind: 'local',
      dir: '/srv/kith/media',
      publicBaseUrl: 'https://kith.example/media',
    });
    expect(config.limits.imageMaxBytes).toBe(15 * 1024 * 1024);
    expect(config.limits.audio.maxDurationMs).toBe(15_000);
  });

  it('uses S3 (R2) when S3_BUCKET and the rest are set', () => {
    const config = mediaConfigFrom(schema.parse({ ...S3, MEDIA_CLIP_MAX_SECONDS: '8' }), WHERE);
    expect(config.storage).toMatchObject({
      kind: 's3',
      bucket: 'kith-media',
      region: 'auto',
      publicBaseUrl: 'https://media.kith.example',
    });
    expect(config.limits.audio.maxDurationMs).toBe(8000);
  });

  it.each([
    [{ S3_BUCKET: 'b' }, /S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_PUBLIC_BASE_URL/],
    [{ ...S3, S3_ENDPOINT: 'r2.example' }, /S3_ENDPOINT: expected an http/],
  ])('refuses incomplete S3 settings, naming them', (settings, message) => {
    expect(() => mediaConfigFrom(schema.parse(settings), WHERE)).toThrow(MediaSettingsError);
    expect(() => mediaConfigFrom(schema.parse(settings), WHERE)).toThrow(message);
  });

  it.each([
    ['MEDIA_IMAGE_MAX_MB', '0'],
    ['MEDIA_QUOTA_MB', 'lots'],
    ['MEDIA_CLIP_MAX_SECONDS', '2.5'],
  ])('refuses %s=%s', (name, value) => {
    const result = schema.safeParse({ [name]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([name]);
  });
});

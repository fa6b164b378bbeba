import { decode } from 'blurhash';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffMediaFormat } from '../../src/media/media-format.js';
import { MediaRejectedError } from '../../src/media/media-rejected-error.js';
import { type ImageLimits, processImage } from '../../src/media/process-image.js';
import {
  animatedGif,
  animatedWebp,
  jpegWithGps,
  png,
  SECRET_TAG,
  webp,
} from './support/make-media.js';

const LIMITS: ImageLimits = {
  maxInputPixels: 4_000_000,
  maxFrames: 50,
  maxDimension: 100,
  thumbnailSize: 32,
};

async function processed(bytes: Buffer, limits = LIMITS) {
  return processImage(bytes, await sniffMediaFormat(bytes), limits);
}

async function rejection(bytes: Buffer, limits = LIMITS): Promise<MediaRejectedError> {
  const error = await processed(bytes, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaRejectedError);
  return error as MediaRejectedError;
}

describe('processImage', () => {
  it('turns a phone JPEG upright and drops its EXIF, GPS included', async () => {
    const original = await jpegWithGps(120, 80);
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(original.includes(SECRET_TAG)).toBe(true);

    const { image, thumbnail } = await processed(original);
    const after = await sharp(image.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(image.bytes.includes(SECRET_TAG)).toBe(false);
    expect(image.bytes.includes('PhoneCo')).toBe(false);
    // Stored 120×80 sideways, shown upright as 80×120, scaled to fit 100.
    expect([image.width, image.height]).toEqual([67, 100]);
    expect([after.width, after.height]).toEqual([67, 100]);
    expect(image.contentType).toBe('image/jpeg');
    expect(thumbnail.contentType).toBe('image/webp');
    expect(Math.max(thumbnail.width, thumbnail.height)).toBe(32);
    expect((await sharp(thumbnail.bytes).metadata()).exif).toBeUndefined();
  });

  it('keeps PNG and WebP in their format, without metadata, and never enlarges', async () => {
    for (const [bytes, format] of [
      [await png(64, 48), 'png'],
      [await webp(64, 48), 'webp'],
    ] as const) {
      expect(bytes.includes(SECRET_TAG)).toBe(true);
      const { image } = await processed(bytes);
      const meta = await sharp(image.bytes).metadata();
      expect(meta.format).toBe(format);
      expect(meta.exif).toBeUndefined();
      expect(image.bytes.includes(SECRET_TAG)).toBe(false);
      expect([image.width, image.height]).toEqual([64, 48]);
    }
  });

  it('gives a BlurHash placeholder that decodes to the picture size asked for', async () => {
    const { placeholder } = await processed(await png());
    expect(placeholder).toMatch(/^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{28}$/);
    expect(decode(placeholder, 8, 6)).toHaveLength(8 * 6 * 4);
  });

  it('keeps every frame of an animated GIF and WebP; the thumbnail is the first frame', async () => {
    for (const bytes of [await animatedGif(4, 24), await animatedWebp(4, 24)]) {
      const { image, thumbnail, animated } = await processed(bytes);
      expect(animated).toBe(true);
      const meta = await sharp(image.bytes, { animated: true }).metadata();
      expect(meta.pages).toBe(4);
      expect([image.width, image.height]).toEqual([24, 24]);
      const thumb = await sharp(thumbnail.bytes).raw().toBuffer({ resolveWithObject: true });
      expect(thumb.info.height).toBe(24);
      // The first frame is red (lossy WebP shifts it by a few levels).
      const [red, green, blue] = [thumb.data[0]!, thumb.data[1]!, thumb.data[2]!];
      expect(red).toBeGreaterThan(240);
      expect(Math.max(green, blue)).toBeLessThan(16);
    }
  });

  it('refuses an animation with too many frames', async () => {
    const error = await rejection(await animatedGif(6, 8), { ...LIMITS, maxFrames: 5 });
    expect(error.code).toBe('image_too_large');
  });

  it('refuses an image with more pixels than allowed, before decoding it', async () => {
    const big = await sharp({
      create: { width: 3000, height: 3000, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    const error = await rejection(big, { ...LIMITS, maxInputPixels: 1_000_000 });
    expect(error.code).toBe('image_too_large');
  });

  it('refuses bytes that start like a JPEG but are not one', async () => {
    const real = await jpegWithGps();
    const forged = Buffer.concat([real.subarray(0, 16), Buffer.alloc(2000, 0x41)]);
    expect((await sniffMediaFormat(forged)).contentType).toBe('image/jpeg');
    expect((await rejection(forged)).code).toBe('invalid_image');
  });

  it('refuses a truncated PNG', async () => {
    const whole = await png(200, 200);
    const error = await rejection(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.code).toBe('invalid_image');
  });
});

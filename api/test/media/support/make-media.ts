// Builds the media the tests upload: real encoder output made on the spot
// (sharp for images, the npm-shipped ffmpeg for audio), never committed files.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';

const run = promisify(execFile);

/** Text planted in metadata, to prove it is gone after processing. */
export const SECRET_TAG = 'Secret-Owner-7f3a';

/** A gradient, so encoders produce realistic (not trivially compressible) data. */
function gradient(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x + y) * 97) % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/**
 * A JPEG straight off a phone: EXIF with the camera, an owner, GPS coordinates
 * and orientation 6 (stored sideways, shown rotated 90° clockwise).
 */
export function jpegWithGps(width = 120, height = 80): Promise<Buffer> {
  return gradient(width, height)
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Copyright: SECRET_TAG },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2964/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4020/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export function png(width = 64, height = 48): Promise<Buffer> {
  return gradient(width, height)
    .png()
    .withExif({ IFD0: { Copyright: SECRET_TAG } })
    .toBuffer();
}

export function webp(width = 64, height = 48): Promise<Buffer> {
  return gradient(width, height)
    .webp()
    .withExif({ IFD0: { Copyright: SECRET_TAG } })
    .toBuffer();
}

/** Frames of solid red, green, blue, one after another. */
function frames(count: number, size: number) {
  const raw = Buffer.alloc(size * size * 4 * count);
  for (let frame = 0; frame < count; frame++) {
    for (let i = 0; i < size * size; i++) {
      raw[(frame * size * size + i) * 4 + (frame % 3)] = 255;
      raw[(frame * size * size + i) * 4 + 3] = 255;
    }
  }
  return sharp(raw, { raw: { width: size, height: size * count, channels: 4, pageHeight: size } });
}

export function animatedGif(count = 3, size = 24): Promise<Buffer> {
  return frames(count, size)
    .gif({ delay: Array(count).fill(100), loop: 0 })
    .toBuffer();
}

export function animatedWebp(count = 3, size = 24): Promise<Buffer> {
  return frames(count, size)
    .webp({ delay: Array(count).fill(100), loop: 0 })
    .toBuffer();
}

export type AudioKind = 'mp3' | 'opus' | 'vorbis' | 'wav' | 'm4a';

const ENCODER_ARGS: Record<AudioKind, { args: string[]; extension: string }> = {
  mp3: { args: ['-c:a', 'libmp3lame', '-f', 'mp3'], extension: 'mp3' },
  opus: { args: ['-c:a', 'libopus', '-f', 'ogg'], extension: 'ogg' },
  vorbis: { args: ['-c:a', 'libvorbis', '-f', 'ogg'], extension: 'ogg' },
  wav: { args: ['-c:a', 'pcm_s16le', '-f', 'wav'], extension: 'wav' },
  m4a: { args: ['-c:a', 'aac', '-f', 'ipod'], extension: 'm4a' },
};

/** A sine tone of `seconds`, tagged with SECRET_TAG as its title and artist. */
export async function audioClip(kind: AudioKind, seconds: number): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kith-test-audio-'));
  try {
    const { args, extension } = ENCODER_ARGS[kind];
    const file = path.join(dir, `clip.${extension}`);
    await run(ffmpegInstaller.path, [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'lavfi'],
      ...['-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`],
      ...['-metadata', `title=${SECRET_TAG}`, '-metadata', `artist=${SECRET_TAG}`],
      ...args,
      file,
    ]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A camera-like JPEG of `width`×`height`: smooth light with sensor-like grain,
 * about 1 MB at 2400×1600 (what a phone shares after its own downscaling).
 */
export function photoLikeJpeg(width = 2400, height = 1600): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const grain = ((state >>> 24) % 21) - 10;
      const i = (y * width + x) * 3;
      pixels[i] = Math.max(0, Math.min(255, 60 + (x * 150) / width + grain));
      pixels[i + 1] = Math.max(0, Math.min(255, 90 + (y * 120) / height + grain));
      pixels[i + 2] = Math.max(0, Math.min(255, 140 + 60 * Math.sin((x + y) / 90) + grain));
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

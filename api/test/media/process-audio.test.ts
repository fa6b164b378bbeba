import { parseBuffer } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { sniffMediaFormat } from '../../src/media/media-format.js';
import { MediaRejectedError } from '../../src/media/media-rejected-error.js';
import { type AudioLimits, processAudio } from '../../src/media/process-audio.js';
import { type AudioKind, audioClip, SECRET_TAG } from './support/make-media.js';

const LIMITS: AudioLimits = { maxDurationMs: 3000, timeoutMs: 20_000 };

async function processed(bytes: Buffer, limits = LIMITS) {
  return processAudio(bytes, await sniffMediaFormat(bytes), limits);
}

const KINDS: [AudioKind, string][] = [
  ['mp3', 'audio/mpeg'],
  ['opus', 'audio/ogg'],
  ['vorbis', 'audio/ogg'],
  ['wav', 'audio/wav'],
  ['m4a', 'audio/mp4'],
];

describe('processAudio', () => {
  it.each(KINDS)('keeps a short %s clip whole, without its tags', async (kind, contentType) => {
    const clip = await audioClip(kind, 1.5);
    expect(clip.includes(SECRET_TAG)).toBe(true);
    const audio = await processed(clip);
    expect(audio.contentType).toBe(contentType);
    expect(audio.trimmed).toBe(false);
    expect(Math.abs(audio.durationMs - 1500)).toBeLessThan(80);
    expect(audio.bytes.includes(SECRET_TAG)).toBe(false);
    const tags = await parseBuffer(audio.bytes, { mimeType: contentType });
    expect(tags.common.title).toBeUndefined();
    expect(tags.common.artist).toBeUndefined();
  });

  it.each(KINDS)('cuts a %s clip longer than the limit to the limit', async (kind) => {
    const audio = await processed(await audioClip(kind, 7));
    expect(audio.trimmed).toBe(true);
    expect(audio.durationMs).toBeGreaterThan(2900);
    expect(audio.durationMs).toBeLessThan(3100);
    // What is stored really is that short, not just labelled so.
    const stored = await parseBuffer(
      audio.bytes,
      { mimeType: audio.contentType },
      { duration: true },
    );
    expect(stored.format.duration).toBeLessThan(3.1);
  });

  it('refuses bytes that start like an MP3 but are not audio', async () => {
    const real = await audioClip('mp3', 1);
    // ID3 header kept, everything after it replaced.
    const forged = Buffer.concat([real.subarray(0, 10), Buffer.alloc(4000, 0x00)]);
    const error = await processed(forged).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MediaRejectedError);
    expect(['invalid_audio', 'unsupported_media_type']).toContain(
      (error as MediaRejectedError).code,
    );
  });

  it('refuses a WAV header with no samples after it', async () => {
    const wav = await audioClip('wav', 1);
    const error = await processed(wav.subarray(0, 44)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MediaRejectedError);
    expect((error as MediaRejectedError).code).toBe('invalid_audio');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseBuffer } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { FORMAT_BY_EXTENSION, sniffMediaFormat } from '../../src/media/media-format.js';
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

  it('reads a WAV as WAV, though ffmpeg left to guess would pick another demuxer', async () => {
    // One second of silence with a single click: to ffmpeg's probe, whose ACT
    // (G.729 voice recorder) check wins over WAV's, this is an ACT file.
    const wav = silentWav(1);
    wav[256] = 0x84;
    const audio = await processed(wav);
    expect(audio.contentType).toBe('audio/wav');
    expect(audio.durationMs).toBe(1000);
    const stored = await parseBuffer(audio.bytes, { mimeType: 'audio/wav' });
    expect(stored.format.codec).toBe('PCM');
  });

  it('never follows an HLS playlist hidden behind an MP3 ID3 tag', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kith-test-hls-'));
    try {
      // A file on the server that no upload may reach.
      const serverFile = path.join(dir, 'server-side.mp3');
      await writeFile(serverFile, await audioClip('mp3', 2.5));
      // An empty ID3 tag, then a playlist naming that file (ffmpeg's probe
      // skips the tag and picks HLS), then a real one-second clip.
      const emptyId3 = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
      const playlist = Buffer.from(
        `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10,\n${serverFile}\n#EXT-X-ENDLIST\n`,
      );
      const forged = Buffer.concat([emptyId3, playlist, await audioClip('mp3', 1)]);
      // The type check refuses it today; should it ever take it for an MP3,
      // ffmpeg still reads it as one.
      await expect(sniffMediaFormat(forged)).rejects.toThrow(MediaRejectedError);
      const audio = await processAudio(forged, FORMAT_BY_EXTENSION.get('mp3')!, LIMITS);
      // The clip in the upload, not the 2.5 s file the playlist names.
      expect(Math.abs(audio.durationMs - 1000)).toBeLessThan(100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** 16-bit mono PCM at 8 kHz, all zeros, with the plain 44-byte header. */
function silentWav(seconds: number): Buffer {
  const rate = 8000;
  const dataBytes = rate * 2 * seconds;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}

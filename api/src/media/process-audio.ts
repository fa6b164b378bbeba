import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseBuffer } from 'music-metadata';
import type { MediaFormat } from './media-format.js';
import { MediaRejectedError } from './media-rejected-error.js';
import { FfmpegError, runFfmpeg } from './run-ffmpeg.js';

export interface AudioLimits {
  /** Longer clips are cut to this length. */
  readonly maxDurationMs: number;
  /** ffmpeg is stopped after this long; it only copies packets, so it needs far less. */
  readonly timeoutMs: number;
}

export interface ProcessedAudio {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly extension: string;
  readonly durationMs: number;
  /** The clip was longer than the limit and was cut. */
  readonly trimmed: boolean;
}

/** Codecs browsers play, per container (music-metadata's `format.codec`). */
const PLAYABLE_CODECS: Readonly<Record<string, RegExp>> = {
  mp3: /^MPEG [12](\.5)? Layer 3$/,
  ogg: /^(Opus|Vorbis I)$/,
  wav: /^PCM$/,
  m4a: /AAC/,
};

/**
 * Checks that a clip is playable audio of a known length, then rewrites it
 * with ffmpeg: the first audio stream's packets are copied (no re-encoding),
 * tags and cover art are dropped, and a clip over the limit is cut to it.
 * ffmpeg reads and writes files in a private temporary folder because MP4
 * needs to seek in both; the folder is removed afterwards. ffmpeg is told the
 * input's format, as detected from the bytes, rather than left to guess it.
 */
export async function processAudio(
  bytes: Buffer,
  format: MediaFormat,
  limits: AudioLimits,
): Promise<ProcessedAudio> {
  const input = await inspect(bytes, format);
  const trimmed = input.durationMs > limits.maxDurationMs;
  const output = await rewrite(bytes, format, trimmed ? limits.maxDurationMs : undefined, limits);
  const result = await inspect(output, format);
  return {
    bytes: output,
    contentType: format.contentType,
    extension: format.extension,
    durationMs: result.durationMs,
    trimmed,
  };
}

async function inspect(bytes: Buffer, format: MediaFormat): Promise<{ durationMs: number }> {
  let metadata: Awaited<ReturnType<typeof parseBuffer>>;
  try {
    metadata = await parseBuffer(
      bytes,
      { mimeType: format.contentType, size: bytes.length },
      { duration: true, skipCovers: true },
    );
  } catch (error) {
    throw invalid(`The file could not be read as ${format.contentType}`, error);
  }
  const codec = metadata.format.codec ?? 'unknown';
  if (!(PLAYABLE_CODECS[format.extension]?.test(codec) ?? false)) {
    throw new MediaRejectedError(
      'unsupported_media_type',
      `${format.contentType} with the ${codec} codec is not accepted`,
      { codec },
    );
  }
  const seconds = metadata.format.duration;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    throw invalid('The clip has no measurable duration');
  }
  return { durationMs: Math.round(seconds * 1000) };
}

async function rewrite(
  bytes: Buffer,
  format: MediaFormat,
  cutAtMs: number | undefined,
  limits: AudioLimits,
): Promise<Buffer> {
  if (format.muxer === undefined || format.demuxer === undefined) {
    throw new RangeError(`${format.contentType} is not audio`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'kith-audio-'));
  try {
    const inputFile = path.join(dir, `input.${format.extension}`);
    const outputFile = path.join(dir, `output.${format.extension}`);
    await writeFile(inputFile, bytes, { mode: 0o600 });
    // Only the demuxer of the format the bytes were detected as, reading only
    // local files: ffmpeg left to probe would follow, say, an HLS playlist
    // hidden behind an ID3 tag to any file or URL it names.
    const args = ['-protocol_whitelist', 'file', '-f', format.demuxer, '-i', inputFile];
    args.push('-map', '0:a:0', '-map_metadata', '-1', '-map_chapters', '-1');
    args.push('-c:a', 'copy');
    if (cutAtMs !== undefined) args.push('-t', (cutAtMs / 1000).toFixed(3));
    if (format.muxer === 'ipod') args.push('-movflags', '+faststart');
    args.push('-f', format.muxer, outputFile);
    try {
      await runFfmpeg(args, limits.timeoutMs);
    } catch (error) {
      if (error instanceof FfmpegError) throw invalid('The clip could not be decoded', error);
      throw error;
    }
    return await readFile(outputFile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function invalid(message: string, cause?: unknown): MediaRejectedError {
  const decoder = cause instanceof Error ? cause.message : undefined;
  return new MediaRejectedError('invalid_audio', message, decoder ? { decoder } : undefined);
}

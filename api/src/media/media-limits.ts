import type { AudioLimits } from './process-audio.js';
import type { ImageLimits } from './process-image.js';

/** Everything that bounds an upload, from the settings. */
export interface MediaLimits {
  /** Largest image file accepted, before processing. */
  readonly imageMaxBytes: number;
  /** Largest audio file accepted, before processing. */
  readonly audioMaxBytes: number;
  readonly image: ImageLimits;
  readonly audio: AudioLimits;
  /** Bytes each user may have stored (files and thumbnails). */
  readonly quotaBytes: number;
  /**
   * Uploads decoded and re-encoded at once; more wait their turn. Image work
   * runs on libuv's thread pool (4 threads, shared with password hashing and
   * file reads) and audio in ffmpeg, so a few big uploads must not take every
   * core and thread while people are logging in.
   */
  readonly processingConcurrency: number;
}

/** Defaults for the settings in media-settings.ts. */
export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  imageMaxBytes: 15 * 1024 * 1024,
  audioMaxBytes: 5 * 1024 * 1024,
  image: {
    // A 50 MP frame decodes to 150-200 MB; larger is a decompression bomb, not a photo.
    maxInputPixels: 50_000_000,
    maxFrames: 300,
    maxDimension: 4096,
    thumbnailSize: 480,
  },
  audio: { maxDurationMs: 15_000, timeoutMs: 30_000 },
  quotaBytes: 1024 * 1024 * 1024,
  // Not a setting. The servers have 2 cores: two uploads at once keep them busy
  // and leave pool threads free for logins.
  processingConcurrency: 2,
};

/** The largest request body an upload may have: the largest file and the multipart framing. */
export function maxUploadBodyBytes(limits: MediaLimits): number {
  return Math.max(limits.imageMaxBytes, limits.audioMaxBytes) + 64 * 1024;
}

import { fileTypeFromBuffer } from 'file-type';
import { MediaRejectedError } from './media-rejected-error.js';

export type MediaKind = 'image' | 'audio';

/** A format Kith accepts, as detected from the bytes and as it is stored and served. */
export interface MediaFormat {
  readonly kind: MediaKind;
  readonly contentType: string;
  readonly extension: string;
  /**
   * The ffmpeg demuxer that reads the clip (audio only): named, so ffmpeg never
   * guesses the format itself and no other demuxer (a playlist's, which opens
   * the files and URLs it lists) ever sees the bytes.
   */
  readonly demuxer?: string;
  /** The ffmpeg muxer that rewrites the clip (audio only). */
  readonly muxer?: string;
}

const JPEG: MediaFormat = { kind: 'image', contentType: 'image/jpeg', extension: 'jpg' };
const PNG: MediaFormat = { kind: 'image', contentType: 'image/png', extension: 'png' };
const WEBP: MediaFormat = { kind: 'image', contentType: 'image/webp', extension: 'webp' };
const GIF: MediaFormat = { kind: 'image', contentType: 'image/gif', extension: 'gif' };
const MP3: MediaFormat = {
  kind: 'audio',
  contentType: 'audio/mpeg',
  extension: 'mp3',
  demuxer: 'mp3',
  muxer: 'mp3',
};
const OGG: MediaFormat = {
  kind: 'audio',
  contentType: 'audio/ogg',
  extension: 'ogg',
  demuxer: 'ogg',
  muxer: 'ogg',
};
const WAV: MediaFormat = {
  kind: 'audio',
  contentType: 'audio/wav',
  extension: 'wav',
  demuxer: 'wav',
  muxer: 'wav',
};
// `ipod` is ffmpeg's name for the M4A flavour of MP4; `mov` reads every flavour.
const M4A: MediaFormat = {
  kind: 'audio',
  contentType: 'audio/mp4',
  extension: 'm4a',
  demuxer: 'mov',
  muxer: 'ipod',
};

/** file-type's extension for a detected format → what Kith makes of it. */
const BY_DETECTED_EXTENSION: Readonly<Record<string, MediaFormat>> = {
  jpg: JPEG,
  png: PNG,
  // An animated PNG is still a PNG; libvips decodes its first frame, which is what is kept.
  apng: PNG,
  webp: WEBP,
  gif: GIF,
  mp3: MP3,
  ogg: OGG,
  opus: OGG,
  wav: WAV,
  m4a: M4A,
};

/** Every format, by the extension of a stored key (for serving with the right type). */
export const FORMAT_BY_EXTENSION: ReadonlyMap<string, MediaFormat> = new Map(
  [JPEG, PNG, WEBP, GIF, MP3, OGG, WAV, M4A].map((format) => [format.extension, format]),
);

export const ACCEPTED_CONTENT_TYPES = [...FORMAT_BY_EXTENSION.values()].map((f) => f.contentType);

/**
 * The format of an upload, from its bytes alone: the file name and the
 * declared type are the client's claims and are never trusted.
 */
export async function sniffMediaFormat(bytes: Uint8Array): Promise<MediaFormat> {
  const detected = await fileTypeFromBuffer(bytes);
  const format = detected === undefined ? undefined : BY_DETECTED_EXTENSION[detected.ext];
  if (format === undefined) {
    throw new MediaRejectedError(
      'unsupported_media_type',
      `Unsupported file: ${detected ? `${detected.mime} is` : 'the bytes are'} not one of ${ACCEPTED_CONTENT_TYPES.join(', ')}`,
    );
  }
  return format;
}

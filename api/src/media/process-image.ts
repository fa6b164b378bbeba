import sharp, { type Sharp } from 'sharp';
import { blurhashOf } from './blurhash-of.js';
import type { MediaFormat } from './media-format.js';
import { MediaRejectedError } from './media-rejected-error.js';

export interface ImageLimits {
  /** Pixels of one frame; refuses decompression bombs before decoding them. */
  readonly maxInputPixels: number;
  /** Frames of an animated GIF or WebP. */
  readonly maxFrames: number;
  /** The stored image's longest side; larger images are scaled down. */
  readonly maxDimension: number;
  /** The thumbnail's longest side. */
  readonly thumbnailSize: number;
}

export interface EncodedImage {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly extension: string;
  readonly width: number;
  readonly height: number;
}

export interface ProcessedImage {
  readonly image: EncodedImage;
  readonly thumbnail: EncodedImage;
  /** A BlurHash of the image, for a placeholder while it loads. */
  readonly placeholder: string;
  readonly animated: boolean;
}

/**
 * Decodes an image and encodes it again in its own format: EXIF (with GPS),
 * XMP, IPTC and comments do not survive, pixels are turned upright from the
 * EXIF orientation first, and colour is converted to sRGB. Animated GIF and
 * WebP keep their frames; their thumbnail is the first frame.
 */
export async function processImage(
  bytes: Buffer,
  format: MediaFormat,
  limits: ImageLimits,
): Promise<ProcessedImage> {
  const animatable = format.extension === 'gif' || format.extension === 'webp';
  const open = (input: Buffer, animated: boolean) =>
    sharp(input, { animated, limitInputPixels: limits.maxInputPixels, failOn: 'error' });
  const metadata = await decodeOrReject(() => open(bytes, animatable).metadata());
  if (metadata.format !== sharpFormatName(format)) {
    throw new MediaRejectedError(
      'invalid_image',
      `The file is not a valid ${format.contentType} image`,
    );
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  if (pixels > limits.maxInputPixels) {
    throw new MediaRejectedError(
      'image_too_large',
      `The image has ${pixels} pixels (all frames); at most ${limits.maxInputPixels} are accepted`,
      { pixels, maxPixels: limits.maxInputPixels },
    );
  }
  const frames = metadata.pages ?? 1;
  if (frames > limits.maxFrames) {
    throw new MediaRejectedError(
      'image_too_large',
      `The animation has ${frames} frames; at most ${limits.maxFrames} are accepted`,
      { frames, maxFrames: limits.maxFrames },
    );
  }
  const animated = animatable && frames > 1;
  const pipeline = open(bytes, animated)
    // EXIF orientation is applied before the metadata that carries it is dropped.
    .rotate()
    .resize({
      width: limits.maxDimension,
      height: limits.maxDimension,
      fit: 'inside',
      withoutEnlargement: true,
    });
  const encoded = await decodeOrReject(() =>
    encodeAs(pipeline, format).toBuffer({ resolveWithObject: true }),
  );
  const height = animated ? (encoded.info.pageHeight ?? encoded.info.height) : encoded.info.height;
  const image: EncodedImage = {
    bytes: encoded.data,
    contentType: format.contentType,
    extension: format.extension,
    width: encoded.info.width,
    height,
  };
  const thumbnail = await thumbnailOf(encoded.data, limits.thumbnailSize);
  return { image, thumbnail, placeholder: await blurhashOf(encoded.data), animated };
}

async function thumbnailOf(image: Buffer, size: number): Promise<EncodedImage> {
  const { data, info } = await sharp(image)
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: data,
    contentType: 'image/webp',
    extension: 'webp',
    width: info.width,
    height: info.height,
  };
}

function encodeAs(pipeline: Sharp, format: MediaFormat): Sharp {
  switch (format.extension) {
    case 'jpg':
      // libjpeg-turbo, not mozjpeg: mozjpeg's trellis search made a 1 MB photo
      // take 15 times longer to encode for a few percent fewer bytes.
      return pipeline.jpeg({ quality: 85 });
    case 'png':
      return pipeline.png({ compressionLevel: 8 });
    case 'webp':
      return pipeline.webp({ quality: 85 });
    case 'gif':
      return pipeline.gif();
    default:
      throw new RangeError(`${format.contentType} is not an image format`);
  }
}

/** sharp's name for a format Kith accepts (metadata().format). */
function sharpFormatName(format: MediaFormat): string {
  return format.extension === 'jpg' ? 'jpeg' : format.extension;
}

/**
 * Runs a decode, turning libvips' refusals (corrupt data, too many pixels)
 * into the uploader's error: anything sharp cannot decode is a bad upload.
 */
async function decodeOrReject<T>(decode: () => Promise<T>): Promise<T> {
  try {
    return await decode();
  } catch (error) {
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) {
      throw new MediaRejectedError('image_too_large', 'The image has too many pixels', {
        decoder: message,
      });
    }
    throw new MediaRejectedError('invalid_image', 'The file could not be decoded as an image', {
      decoder: message,
    });
  }
}

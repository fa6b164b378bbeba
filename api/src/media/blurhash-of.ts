import { encode } from 'blurhash';
import sharp from 'sharp';

/** The BlurHash grid: 4×3 components suit the usual landscape photo. */
const COMPONENTS_X = 4;
const COMPONENTS_Y = 3;
/** BlurHash only needs a few pixels; encoding a full image would take seconds. */
const SAMPLE_SIZE = 32;

/** A BlurHash string (about 28 characters) the client draws while the image loads. */
export async function blurhashOf(image: Buffer): Promise<string> {
  const { data, info } = await sharp(image)
    .resize({ width: SAMPLE_SIZE, height: SAMPLE_SIZE, fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data), info.width, info.height, COMPONENTS_X, COMPONENTS_Y);
}

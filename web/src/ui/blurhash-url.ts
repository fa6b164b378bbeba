// A BlurHash as a tiny PNG data URL to paint behind an image while it loads.
// Decoded once per hash: the same photo appears in the feed and on its page.
import { decode, isBlurhashValid } from 'blurhash';

const SIZE = 32;
const cache = new Map<string, string>();

export function blurhashUrl(hash: string): string | undefined {
  if (hash === '') return undefined;
  const known = cache.get(hash);
  if (known !== undefined) return known;
  if (!isBlurhashValid(hash).result) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const context = canvas.getContext('2d');
  if (context === null) return undefined;
  const image = context.createImageData(SIZE, SIZE);
  image.data.set(decode(hash, SIZE, SIZE));
  context.putImageData(image, 0, 0);
  const url = canvas.toDataURL('image/png');
  cache.set(hash, url);
  return url;
}

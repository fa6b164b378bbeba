import { describe, expect, it } from 'vitest';
import { sniffMediaFormat } from '../../src/media/media-format.js';
import { MediaRejectedError } from '../../src/media/media-rejected-error.js';
import { animatedGif, audioClip, jpegWithGps, png, webp } from './support/make-media.js';

describe('sniffMediaFormat', () => {
  it('names each accepted format from its bytes', async () => {
    const cases: [Buffer, string][] = [
      [await jpegWithGps(), 'image/jpeg'],
      [await png(), 'image/png'],
      [await webp(), 'image/webp'],
      [await animatedGif(), 'image/gif'],
      [await audioClip('mp3', 0.5), 'audio/mpeg'],
      [await audioClip('opus', 0.5), 'audio/ogg'],
      [await audioClip('vorbis', 0.5), 'audio/ogg'],
      [await audioClip('wav', 0.5), 'audio/wav'],
      [await audioClip('m4a', 0.5), 'audio/mp4'],
    ];
    for (const [bytes, contentType] of cases) {
      expect((await sniffMediaFormat(bytes)).contentType).toBe(contentType);
    }
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['plain text', Buffer.from('hello, this is not a picture')],
    [
      'an SVG (script can hide in it)',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['HTML', Buffer.from('<!doctype html><html><body>hi</body></html>')],
    ['a PDF', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['a ZIP', Buffer.from('504b0304140000000800', 'hex')],
    ['a TIFF', Buffer.from('49492a0008000000', 'hex')],
  ])('refuses %s', async (_name, bytes) => {
    const error = await sniffMediaFormat(bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MediaRejectedError);
    expect((error as MediaRejectedError).code).toBe('unsupported_media_type');
  });
});

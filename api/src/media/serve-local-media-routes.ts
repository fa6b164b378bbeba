import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../http/api-error.js';
import { createRouter } from '../http/create-router.js';
import { errorResponses } from '../http/openapi-schemas.js';
import type { LocalMediaStorage } from '../storage/local-media-storage.js';
import { isMediaKey } from '../storage/media-key.js';
import type { ByteRange } from '../storage/media-storage.js';
import { MEDIA_CACHE_CONTROL } from './media-service-deps.js';

const serveRoute = createRoute({
  method: 'get',
  path: '/media/{mediaId}/{file}',
  tags: ['media'],
  summary: 'A stored media file (when media is kept in the data directory)',
  request: {
    params: z.object({
      mediaId: z.uuid(),
      file: z.string().regex(/^[a-z0-9]+\.[a-z0-9]+$/, 'expected a file name such as image.jpg'),
    }),
  },
  responses: {
    200: { description: 'The file, cacheable forever by the browser (not by shared caches).' },
    206: { description: 'The byte range asked for.' },
    304: { description: 'Not modified.' },
    ...errorResponses(400, 404, 416),
  },
});

/** One `bytes=start-end` or `bytes=start-` range; anything else is served whole, as HTTP allows. */
function parseRange(header: string | undefined): ByteRange | undefined {
  const match = header?.match(/^bytes=(\d{1,15})-(\d{0,15})$/);
  if (match === null || match === undefined) return undefined;
  const start = Number(match[1]);
  const end = match[2] === '' ? Number.MAX_SAFE_INTEGER : Number(match[2]);
  return start <= end ? { start, end } : undefined;
}

/**
 * Serves files of LocalMediaStorage at `/media/<uuid>/<name>.<ext>` with the
 * type their extension names, `nosniff` so a browser never guesses another,
 * MEDIA_CACHE_CONTROL (browsers only, for good), ETag and single byte ranges (audio players seek with them).
 */
export function createLocalMediaRoutes(storage: LocalMediaStorage) {
  const app = createRouter();
  app.openapi(serveRoute, async (c) => {
    const { mediaId, file } = c.req.valid('param');
    const key = `${mediaId}/${file}`;
    if (!isMediaKey(key)) throw new ApiError('not_found', 'No such media file.');
    const range = parseRange(c.req.header('range'));
    let object: Awaited<ReturnType<LocalMediaStorage['get']>>;
    try {
      object = await storage.get(key, range);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      const whole = await storage.get(key);
      whole?.body.destroy();
      c.header('Content-Range', `bytes */${whole?.size ?? 0}`);
      return c.json(
        {
          error: { code: 'invalid_request', message: 'The range starts past the end of the file.' },
        },
        416,
      );
    }
    if (object === undefined) throw new ApiError('not_found', 'No such media file.');
    const headers: Record<string, string> = {
      'Content-Type': object.contentType,
      'Cache-Control': MEDIA_CACHE_CONTROL,
      'X-Content-Type-Options': 'nosniff',
      // Media is never a document: no script runs even if a browser opened it as one.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      ETag: object.etag,
      'Accept-Ranges': 'bytes',
    };
    if (c.req.header('if-none-match') === object.etag) {
      object.body.destroy();
      return c.body(null, 304, headers);
    }
    if (c.req.method === 'HEAD') {
      // Hono answers HEAD with the GET route; the file need not be read.
      object.body.destroy();
      const length = object.range ? object.range.end - object.range.start + 1 : object.size;
      return c.body(null, object.range ? 206 : 200, {
        ...headers,
        'Content-Length': String(length),
      });
    }
    const body = Readable.toWeb(object.body) as ReadableStream<Uint8Array>;
    if (object.range === undefined) {
      return c.body(body, 200, { ...headers, 'Content-Length': String(object.size) });
    }
    const { start, end } = object.range;
    return c.body(body, 206, {
      ...headers,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${object.size}`,
    });
  });
  return app;
}

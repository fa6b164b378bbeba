import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { currentUser, requireUser } from '../accounts/sessions/require-user.js';
import { RATE_LIMITS } from '../accounts/throttling/rate-limit-rules.js';
import { ApiError } from '../http/api-error.js';
import { createRouter } from '../http/create-router.js';
import { errorResponses, jsonContent, timestamp, uuid } from '../http/openapi-schemas.js';
import { deleteMedia } from './delete-media.js';
import { asApiErrors } from './media-error-codes.js';
import { ACCEPTED_CONTENT_TYPES } from './media-format.js';
import { maxUploadBodyBytes } from './media-limits.js';
import { usedBytes } from './media-quota.js';
import { formatDuration, type MediaRateLimit, mediaRateLimit } from './media-rate-limit.js';
import type { MediaServiceDeps } from './media-service-deps.js';
import { Semaphore } from './semaphore.js';
import { uploadMedia } from './upload-media.js';

const MediaSchema = z
  .object({
    id: uuid,
    kind: z.enum(['image', 'audio']),
    contentType: z.string().openapi({ example: 'image/jpeg' }),
    byteSize: z.number().int(),
    width: z.number().int().openapi({ description: '0 for audio.' }),
    height: z.number().int().openapi({ description: '0 for audio.' }),
    durationMs: z.number().int().openapi({ description: '0 for images.' }),
    placeholder: z.string().openapi({ description: 'BlurHash of the image; empty for audio.' }),
    url: z.string().openapi({ example: 'https://kith.example.com/media/2f1c…/image.jpg' }),
    thumbnailUrl: z.string().openapi({ description: 'A WebP thumbnail; empty for audio.' }),
    trimmed: z.boolean().openapi({ description: 'The clip was cut to the length limit.' }),
    createdAt: timestamp,
  })
  .openapi('Media');

const UploadBody = z
  .object({
    file: z.any().openapi({
      type: 'string',
      format: 'binary',
      description: `One file: ${ACCEPTED_CONTENT_TYPES.join(', ')}. The type is read from the bytes.`,
    }),
  })
  .openapi('MediaUpload');

const UsageSchema = z
  .object({ usedBytes: z.number().int(), quotaBytes: z.number().int() })
  .openapi('MediaUsage');

const MULTIPART = /^multipart\/form-data\s*;/i;

/** Only multipart bodies, before anything reads the body. */
const multipartOnly: MiddlewareHandler = async (c, next) => {
  const contentType = c.req.header('content-type') ?? '';
  if (!MULTIPART.test(contentType)) {
    throw new ApiError(
      'unsupported_media_type',
      `Upload the file as multipart/form-data in a field named "file"${contentType ? `, not as "${contentType.split(';')[0]}"` : ''}.`,
    );
  }
  return next();
};

export interface MediaRoutesOptions {
  /** Where uploads wait their turn; by default one with `deps.limits.processingConcurrency` slots. */
  readonly processing?: Semaphore;
  /** Per-person limits; by default RATE_LIMITS.mediaUpload and mediaDelete. */
  readonly rateLimits?: { readonly upload: MediaRateLimit; readonly delete: MediaRateLimit };
}

/** The media routes; create them once per process, since the processing slots are theirs. */
export function createMediaRoutes(deps: MediaServiceDeps, options: MediaRoutesOptions = {}) {
  const app = createRouter();
  const processing = options.processing ?? new Semaphore(deps.limits.processingConcurrency);
  const rateLimits = options.rateLimits ?? {
    upload: RATE_LIMITS.mediaUpload,
    delete: RATE_LIMITS.mediaDelete,
  };
  // After requireUser, so the count is the person's; before the body is read.
  const limitUploads = mediaRateLimit(deps.db, rateLimits.upload, 'upload');
  const limitDeletions = mediaRateLimit(deps.db, rateLimits.delete, 'delete');
  const maxBody = maxUploadBodyBytes(deps.limits);
  const limitBody = bodyLimit({
    maxSize: maxBody,
    onError: () => {
      throw new ApiError('payload_too_large', `An upload is at most ${maxBody} bytes.`, {
        details: { maxBytes: maxBody },
      });
    },
  });

  const uploadRoute = createRoute({
    method: 'post',
    path: '/v1/media',
    tags: ['media'],
    summary: 'Upload an image or a sound clip',
    description: `Images (JPEG, PNG, WebP, GIF) are re-encoded without metadata and get a thumbnail and a BlurHash; clips (MP3, Ogg Vorbis/Opus, WAV, M4A/AAC) lose their tags and are cut to the clip limit. The item is registered with the module, so posts can reference its id. Each person may upload ${rateLimits.upload.limit} files per ${formatDuration(rateLimits.upload.windowSeconds)} (429 with Retry-After beyond); the server processes a few uploads at a time and queues the rest.`,
    middleware: [requireUser, limitUploads, multipartOnly, limitBody] as const,
    request: {
      body: { required: true, content: { 'multipart/form-data': { schema: UploadBody } } },
    },
    responses: {
      201: jsonContent(MediaSchema, 'Stored.'),
      ...errorResponses(400, 401, 403, 413, 415, 422, 429),
    },
  });

  const deleteRoute = createRoute({
    method: 'delete',
    path: '/v1/media/{mediaId}',
    tags: ['media'],
    summary: 'Delete one of your media items',
    description: `Each person may delete ${rateLimits.delete.limit} items per ${formatDuration(rateLimits.delete.windowSeconds)} (429 with Retry-After beyond).`,
    middleware: [requireUser, limitDeletions] as const,
    request: { params: z.object({ mediaId: uuid }) },
    responses: { 204: { description: 'Deleted.' }, ...errorResponses(400, 401, 403, 404, 429) },
  });

  const usageRoute = createRoute({
    method: 'get',
    path: '/v1/media/usage',
    tags: ['media'],
    summary: 'How much of your storage quota you use',
    middleware: [requireUser] as const,
    responses: { 200: jsonContent(UsageSchema, 'Your usage.'), ...errorResponses(401) },
  });

  app.openapi(uploadRoute, async (c) => {
    const auth = currentUser(c);
    const file = singleFile(await c.req.formData());
    const bytes = Buffer.from(await file.arrayBuffer());
    const media = await asApiErrors(() =>
      uploadMedia(deps, processing, auth.userId, bytes, c.req.raw.signal),
    );
    return c.json({ ...media, createdAt: media.createdAt.toISOString() }, 201);
  });

  app.openapi(deleteRoute, async (c) => {
    const auth = currentUser(c);
    await deleteMedia(
      deps,
      { userId: auth.userId, isAdmin: auth.role === 'admin' },
      c.req.valid('param').mediaId,
    );
    return c.body(null, 204);
  });

  app.openapi(usageRoute, async (c) => {
    const auth = currentUser(c);
    return c.json(
      { usedBytes: await usedBytes(deps.db, auth.userId), quotaBytes: deps.limits.quotaBytes },
      200,
    );
  });

  return app;
}

/** The one file in the "file" field; several files or none is the client's mistake. */
function singleFile(form: FormData): File {
  const files = form.getAll('file');
  const file = files[0];
  if (files.length !== 1 || !(file instanceof File)) {
    throw new ApiError(
      'invalid_request',
      files.length > 1
        ? 'Upload one file per request (send several requests for several files).'
        : 'The form has no file in a field named "file".',
      { details: [{ path: 'body.file', message: 'expected exactly one file' }] },
    );
  }
  if (file.size === 0) {
    throw new ApiError('invalid_request', 'The file is empty.', {
      details: [{ path: 'body.file', message: 'the file is empty' }],
    });
  }
  return file;
}

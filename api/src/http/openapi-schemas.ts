// Schemas shared by every route's OpenAPI description.
import { z } from '@hono/zod-openapi';
import { ERROR_STATUS, type ErrorCode } from './api-error.js';

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'The request is invalid: body.username: Required' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('ErrorResponse');

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'The request is invalid; the message and details say what to change.',
  401: 'Not logged in, the session has ended, or the credentials are wrong.',
  403: 'Not allowed (role, CSRF token, or origin), or the account is banned (`account_banned`).',
  404: 'Not found.',
  409: 'Conflicts with existing data (for example a taken username).',
  413: 'The body is too large.',
  415: 'The body is not of a type this route accepts.',
  422: 'The body is of an accepted type but its content is not valid (for example an image that does not decode).',
  429: 'Too many requests or attempts; Retry-After says when to try again.',
};

/** OpenAPI `responses` entries for the given error statuses. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error.',
        content: { 'application/json': { schema: ErrorResponseSchema } },
      },
    ]),
  );
}

/** The JSON body a route accepts, required. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    description,
    content: { 'application/json': { schema } },
  } as const;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

export const timestamp = z.iso.datetime().openapi({ example: '2026-11-23T21:00:00.000Z' });
export const uuid = z.uuid();

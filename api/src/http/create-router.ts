// Every router of the API: an OpenAPIHono whose failed input validation
// becomes our 400 error body (validation-hook.ts).
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { validationHook } from './validation-hook.js';

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

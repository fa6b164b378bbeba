// Turns a failed zod validation of a route's input into a 400 naming each bad
// field, e.g. { path: "body.username", message: "Too small: expected string to have >=3 characters" }.
import type { ZodError } from 'zod';
import { ApiError } from './api-error.js';

const TARGET_NAMES: Readonly<Record<string, string>> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export function validationHook(result: { target: string; success: boolean; error?: ZodError }) {
  if (result.success || result.error === undefined) return;
  const where = TARGET_NAMES[result.target] ?? result.target;
  const details: FieldProblem[] = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = details.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  throw new ApiError('invalid_request', `The request is invalid: ${summary}`, { details });
}

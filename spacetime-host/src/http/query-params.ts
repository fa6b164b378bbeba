import type { Context } from 'hono';
import { HttpError } from './http-error.js';

/** axum's `Query` rejection text, which the CLI prints. */
function rejected(name: string, problem: string): HttpError {
  return new HttpError(400, `Failed to deserialize query string: ${name}: ${problem}`);
}

/** A serde `bool`: exactly `true` or `false`. */
export function boolParam(c: Context, name: string, fallback: boolean): boolean {
  const value = c.req.query(name);
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw rejected(name, 'provided string was not `true` or `false`');
}

/** An unsigned integer no larger than `max`. */
export function uintParam(c: Context, name: string, max: number): number | undefined {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  if (!/^\+?\d+$/.test(value)) throw rejected(name, 'invalid digit found in string');
  const n = Number(value);
  if (n > max) throw rejected(name, 'number too large to fit in target type');
  return n;
}

/** One of a serde enum's variant names, spelled exactly. */
export function enumParam<T extends string>(
  c: Context,
  name: string,
  variants: readonly T[],
  fallback: T,
): T {
  const value = c.req.query(name);
  if (value === undefined) return fallback;
  if ((variants as readonly string[]).includes(value)) return value as T;
  throw rejected(
    name,
    `unknown variant \`${value}\`, expected ${variants.map((v) => `\`${v}\``).join(' or ')}`,
  );
}

/** For `GET /schema`, whose `version` is required. */
export function requiredParam(c: Context, name: string): string {
  const value = c.req.query(name);
  if (value === undefined)
    throw new HttpError(400, `Failed to deserialize query string: missing field \`${name}\``);
  return value;
}

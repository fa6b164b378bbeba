// Argument checks shared by reducers; each failure is a SenderError that says
// what to change.
import { SenderError } from 'spacetimedb/server';

/** `value` must have `min`..`max` characters. */
export function requireLength(value: string, field: string, min: number, max: number): void {
  if (value.length < min) {
    throw new SenderError(
      min === 1 ? `${field} must not be empty.` : `${field} needs at least ${min} characters.`,
    );
  }
  if (value.length > max) {
    throw new SenderError(`${field} is too long: ${value.length} characters, at most ${max}.`);
  }
}

/** Text that must say something: not empty, not only spaces, at most `max` characters. */
export function requireWrittenText(value: string, field: string, max: number): void {
  if (value.trim().length === 0) throw new SenderError(`${field} must not be empty.`);
  requireLength(value, field, 1, max);
}

export function requireOneOf<const T extends string>(
  value: string,
  allowed: readonly T[],
  field: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SenderError(`${field} must be one of ${allowed.join(', ')}; got "${value}".`);
  }
  return value as T;
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** An absolute http(s) URL of at most `max` characters. */
export function requireHttpUrl(value: string, field: string, max = 2000): void {
  requireLength(value, field, 1, max);
  if (!HTTP_URL.test(value)) {
    throw new SenderError(`${field} must be an absolute http(s) URL; got "${value}".`);
  }
}

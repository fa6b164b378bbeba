import { describe, expect, it } from 'vitest';
import { csrfToken } from './csrf-token';

describe('the CSRF token cookie', () => {
  it.each([
    ['kith_csrf=abc', 'abc'],
    ['theme=dark; kith_csrf=a%2Fb; other=1', 'a/b'],
    ['__Host-kith_csrf=secure', 'secure'],
    ['not_kith_csrf=x', undefined],
    ['', undefined],
    ['kith_csrfx=1', undefined],
  ])('%j gives %j', (cookies, token) => {
    expect(csrfToken(cookies)).toBe(token);
  });
});

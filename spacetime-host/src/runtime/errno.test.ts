import { describe, expect, it } from 'vitest';
import { Errno, isErrno, strerror } from './errno.js';

describe('errno', () => {
  it('has SpacetimeDB messages and rejects numbers it does not define', () => {
    expect(strerror(Errno.NO_SUCH_ROW)).toBe('The row was not found, e.g., in an update call');
    expect(strerror(99)).toBe('Unknown error');
    expect(isErrno(12)).toBe(true);
    expect(isErrno(0)).toBe(false);
    expect(isErrno(-2)).toBe(false);
    expect(isErrno('12')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('where to go after signing in', () => {
  it.each([
    [undefined, '/'],
    ['/post/7', '/post/7'],
    ['/u/ana?tab=posts', '/u/ana?tab=posts'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?next=/x', '/'],
    ['/signup', '/'],
  ])('%j goes to %j', (next, path) => {
    expect(safeNext(next)).toBe(path);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeParam } from './decode-param';

describe('decodeParam', () => {
  it('decodes escapes', () => {
    expect(decodeParam('%C3%A9mile')).toBe('émile');
    expect(decodeParam('sunset')).toBe('sunset');
  });

  it('keeps malformed text as it was instead of throwing', () => {
    expect(decodeParam('100%')).toBe('100%');
    expect(decodeParam('a%zz')).toBe('a%zz');
    expect(decodeParam('%E0%A4%A')).toBe('%E0%A4%A');
    expect(decodeParam('%C3')).toBe('%C3');
  });
});

import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast-ratio.js';

describe('contrastRatio', () => {
  it('gives 21:1 for black on white and 1:1 for a colour on itself, either way round', () => {
    expect(contrastRatio('#000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#4f3fd1', '#4f3fd1')).toBe(1);
  });

  it('matches the published ratio of a mid grey on white (#767676: 4.54)', () => {
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });

  it('refuses colours it cannot judge without a backdrop', () => {
    expect(() => contrastRatio('rgb(0 0 0 / 50%)', '#fff')).toThrow(/opaque/);
    expect(() => contrastRatio('#12345', '#fff')).toThrow(/opaque/);
  });
});

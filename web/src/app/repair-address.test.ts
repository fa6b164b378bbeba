import { describe, expect, it } from 'vitest';
import { decodes, repairedPath } from './repair-address';

describe('repairedPath', () => {
  it('leaves a well-formed path alone', () => {
    expect(repairedPath('/u/ana')).toBe('/u/ana');
    expect(repairedPath('/tag/caf%C3%A9')).toBe('/tag/caf%C3%A9');
  });

  it('escapes a stray % so the path decodes to what was typed', () => {
    const repaired = repairedPath('/tag/100%');
    expect(repaired).toBe('/tag/100%25');
    expect(decodeURI(repaired)).toBe('/tag/100%');
  });

  it('escapes a cut-short UTF-8 sequence', () => {
    const repaired = repairedPath('/tag/caf%C3');
    expect(() => decodeURI(repaired)).not.toThrow();
    expect(decodeURIComponent(repaired.slice('/tag/'.length))).toBe('caf%C3');
  });
});

describe('decodes', () => {
  it.each([
    ['/u/ana', true],
    ['/tag/caf%C3%A9', true],
    ['/tag/100%', false],
    ['/tag/%zz', false],
    ['/tag/caf%C3', false],
    ['/tag/caf%C3a%A9', false],
  ])('%s → %s, as decodeURI agrees', (path, expected) => {
    expect(decodes(path)).toBe(expected);
    let decoded = true;
    try {
      decodeURI(path);
    } catch {
      decoded = false;
    }
    expect(decoded).toBe(expected);
  });
});

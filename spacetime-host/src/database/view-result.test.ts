import { describe, expect, it } from 'vitest';
import { decodeViewResult } from './view-result.js';

const split = (vec: Uint8Array) => [vec];
const noQuery = () => {
  throw new Error('no query expected');
};

describe('decodeViewResult', () => {
  it('hands row data to the splitter', () => {
    expect(decodeViewResult(Uint8Array.of(0, 1, 2), split, noQuery)).toEqual([Uint8Array.of(1, 2)]);
  });

  it('runs the query of a query-builder view, and an empty query yields no rows', () => {
    const sql = new TextEncoder().encode('SELECT * FROM t');
    const data = new Uint8Array([1, sql.length, 0, 0, 0, ...sql]);
    expect(decodeViewResult(data, split, (query) => [new TextEncoder().encode(query)])).toEqual([
      sql,
    ]);
    expect(decodeViewResult(Uint8Array.of(1, 1, 0, 0, 0, 32), split, noQuery)).toEqual([]);
  });

  it('refuses malformed results', () => {
    expect(() => decodeViewResult(Uint8Array.of(2), split, noQuery)).toThrow(
      /unknown result header 2/,
    );
    expect(() => decodeViewResult(Uint8Array.of(1, 9, 0), split, noQuery)).toThrow(/truncated/);
    expect(() => decodeViewResult(Uint8Array.of(1, 9, 0, 0, 0, 65), split, noQuery)).toThrow(
      /malformed/,
    );
  });
});

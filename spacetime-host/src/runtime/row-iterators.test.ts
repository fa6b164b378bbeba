import { describe, expect, it } from 'vitest';
import { NEEDS_BIGGER_BUFFER, RowIterators } from './row-iterators.js';

const rows = (...lengths: number[]) => lengths.map((n, i) => new Uint8Array(n).fill(i + 1));

describe('RowIterators', () => {
  it('copies whole rows only and negates the count on the last batch', () => {
    const iterators = new RowIterators();
    const id = iterators.open(rows(2, 3, 2));
    const out = new Uint8Array(5);
    expect(iterators.advance(id, out)).toBe(5);
    expect([...out]).toEqual([1, 1, 2, 2, 2]);
    expect(iterators.advance(id, out)).toBe(-2);
    expect(iterators.isOpen(id)).toBe(false);
  });

  it('returns 0 for no rows and asks for a bigger buffer without losing the row', () => {
    const iterators = new RowIterators();
    expect(iterators.advance(iterators.open([]), new Uint8Array(4))).toBe(0);
    const id = iterators.open(rows(6));
    expect(iterators.advance(id, new Uint8Array(4))).toBe(NEEDS_BIGGER_BUFFER);
    expect(iterators.nextRowLength).toBe(6);
    expect(iterators.advance(id, new Uint8Array(6))).toBe(-6);
  });

  it('reuses ids of closed iterators and closes everything at the end of a call', () => {
    const iterators = new RowIterators();
    const a = iterators.open(rows(1));
    const b = iterators.open(rows(1));
    expect(iterators.close(a)).toBe(true);
    expect(iterators.close(a)).toBe(false);
    expect(iterators.open(rows(1))).toBe(a);
    expect(iterators.closeAll()).toBe(2);
    expect(iterators.isOpen(b)).toBe(false);
    expect(iterators.liveCount).toBe(0);
  });
});

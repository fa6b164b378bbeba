import { describe, expect, it } from 'vitest';
import { psqlTable } from './psql-table.js';

describe('psqlTable', () => {
  it('matches `spacetime sql` (its test_output case)', () => {
    expect(psqlTable(['a', 'b'], [['1', '2']])).toBe(' a | b\n---+---\n 1 | 2');
  });

  it('pads columns to their widest cell and prints just the header for no rows', () => {
    expect(
      psqlTable(
        ['id', 'name'],
        [
          ['1', '"Alice"'],
          ['10', '"Bo"'],
        ],
      ),
    ).toBe([' id | name', '----+---------', ' 1  | "Alice"', ' 10 | "Bo"'].join('\n'));
    expect(psqlTable(['a', 'b'], [])).toBe(' a | b\n---+---');
  });

  it('prints nothing for a result without columns (DML)', () => {
    expect(psqlTable([], [])).toBe('');
  });
});

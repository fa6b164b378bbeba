import { describe, expect, it } from 'vitest';
import { groupByDay } from './day-groups';

describe('grouping by day', () => {
  const now = new Date(2025, 5, 15, 12, 0);
  const at = (day: number, hour = 10) => ({ at: new Date(2025, 5, day, hour), day });

  it('puts each item under its day, newest first, and leaves out empty groups', () => {
    const groups = groupByDay([at(1), at(15, 9), at(14), at(15, 11), at(10)], now);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.day)])).toEqual([
      ['Today', [15, 15]],
      ['Yesterday', [14]],
      ['This week', [10]],
      ['Earlier', [1]],
    ]);
    expect(groups[0]?.items.map((i) => i.at.getHours())).toEqual([11, 9]);
  });

  it('counts a late-night item as yesterday after midnight', () => {
    const justAfterMidnight = new Date(2025, 5, 15, 0, 5);
    expect(groupByDay([at(14, 23)], justAfterMidnight)[0]?.label).toBe('Yesterday');
  });

  it('has no groups for no items', () => {
    expect(groupByDay([], now)).toEqual([]);
  });
});

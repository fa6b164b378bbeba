import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const NOW = new Date(2025, 5, 15, 12, 0).getTime();
const ago = (ms: number) => new Date(NOW - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('relative time', () => {
  it.each<[number, string]>([
    [10_000, 'just now'],
    [-10_000, 'just now'],
    [5 * MIN, '5 min ago'],
    [3 * HOUR, '3 h ago'],
    [DAY + HOUR, 'yesterday'],
    [3 * DAY, '3 days ago'],
    [-5 * MIN, 'in 5 min'],
    [-2 * DAY, 'in 2 days'],
    [-DAY - 1, 'in 1 day'],
  ])('%i ms ago reads %j', (ms, words) => {
    expect(relativeTime(ago(ms), NOW, 'en-GB')).toBe(words);
  });

  it('gives the date for older times, with the year only when it differs', () => {
    expect(relativeTime(new Date(2025, 2, 12), NOW, 'en-GB')).toBe('12 Mar');
    expect(relativeTime(new Date(2023, 2, 12), NOW, 'en-GB')).toBe('12 Mar 2023');
  });
});

// "just now", "5 min ago", "3 h ago", "yesterday", "12 Mar"; and for times
// ahead, "in 5 min", "in 3 days": short, with the exact time in a title.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(at: Date, nowMs: number, locale?: string): string {
  const age = nowMs - at.getTime();
  if (age < -MINUTE) return `in ${span(-age)}`;
  if (age < MINUTE) return 'just now';
  if (age < 2 * DAY && age >= DAY) return 'yesterday';
  if (age < 7 * DAY) return `${span(age)} ago`;
  const sameYear = new Date(nowMs).getFullYear() === at.getFullYear();
  return at.toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

function span(ms: number): string {
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  const days = Math.floor(ms / DAY);
  return days === 1 ? '1 day' : `${days} days`;
}

// Notifications under "Today", "Yesterday", "This week" and "Earlier",
// newest first within each.

export interface Dated {
  readonly at: Date;
}

export interface DayGroup<T> {
  readonly label: string;
  readonly items: readonly T[];
}

const LABELS = ['Today', 'Yesterday', 'This week', 'Earlier'] as const;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function bucketOf(at: Date, now: Date): number {
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  if (days <= 0) return 0;
  if (days === 1) return 1;
  if (days < 7) return 2;
  return 3;
}

export function groupByDay<T extends Dated>(items: readonly T[], now: Date): DayGroup<T>[] {
  const buckets: T[][] = LABELS.map(() => []);
  const sorted = [...items].sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const item of sorted) buckets[bucketOf(item.at, now)]?.push(item);
  return LABELS.flatMap((label, i) => {
    const group = buckets[i] ?? [];
    return group.length === 0 ? [] : [{ label, items: group }];
  });
}

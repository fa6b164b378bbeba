// Friends in the order a person looks for them: who is around first, then
// by name.
const RANK: Readonly<Record<string, number>> = { online: 0, idle: 1 };

export interface RankedFriend {
  readonly name: string;
  readonly status: string | undefined;
}

export function byPresenceThenName(a: RankedFriend, b: RankedFriend): number {
  const rank = (RANK[a.status ?? ''] ?? 2) - (RANK[b.status ?? ''] ?? 2);
  return rank !== 0 ? rank : a.name.localeCompare(b.name);
}

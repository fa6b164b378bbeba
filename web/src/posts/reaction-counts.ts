// The per-kind counts a post's or comment's live stats keep.
import { REACTION_KINDS, type ReactionKind } from '@kith/shared/reactions';
import type { ReactionCounts } from './reaction-bar';

type Tally = Readonly<Record<ReactionKind, number>>;

export function reactionCounts(stats: Tally | undefined): ReactionCounts | undefined {
  if (stats === undefined) return undefined;
  return Object.fromEntries(REACTION_KINDS.map((kind) => [kind, stats[kind]])) as ReactionCounts;
}

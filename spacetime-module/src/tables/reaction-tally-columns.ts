// The reaction counts a post or a comment keeps, one column per kind, so that
// feeds read a count instead of counting rows. Kept in step with
// REACTION_KINDS by domain/tallies.ts.
import { t } from 'spacetimedb/server';

export function reactionTallyColumns() {
  return {
    /** All reactions, whatever their kind. */
    reactions: t.u32(),
    like: t.u32(),
    love: t.u32(),
    haha: t.u32(),
    wow: t.u32(),
    sad: t.u32(),
    angry: t.u32(),
  };
}

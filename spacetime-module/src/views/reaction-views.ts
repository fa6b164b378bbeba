// Reactions as rows reach only the people they concern: whoever reacted, and
// whoever wrote what they reacted to (minus people in a block with them, and
// only while the post is visible to them). Everyone else who sees the post
// gets its counts (visible_post_stats, visible_comment_stats): a reaction then
// recomputes the counts of its readers, not every reader's list of reactions.
import { t } from 'spacetimedb/server';
import { sameIdentity } from '../domain/identities';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { reaction } from '../tables/reaction-tables';
import { forMember } from './viewer';

export const visibleReaction = spacetimedb.view(
  { name: 'visible_reaction', public: true },
  t.array(reaction.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const visible = new VisibleContent(ctx.db, me.identity);
      const received = [...ctx.db.reaction.targetAuthorId.filter(me.identity)].filter(
        (row) => !sameIdentity(row.reactorId, me.identity) && !visible.isBlocked(row.reactorId),
      );
      return [...ctx.db.reaction.reactorId.filter(me.identity), ...received].filter(
        (row) =>
          visible.seesPostOf(row.postAuthorId, row.audience) &&
          !visible.isBlocked(row.targetAuthorId),
      );
    }),
);

// Reactions on posts and comments you may see, except those of people in a
// block with you.
import { t } from 'spacetimedb/server';
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
      const posts = visible.posts();
      const comments = new Set(visible.comments(posts).map((row) => row.id));
      return posts.flatMap((row) =>
        [...ctx.db.reaction.postId.filter(row.id)].filter(
          (r) =>
            !visible.isBlocked(r.reactorId) && (r.commentId === 0n || comments.has(r.commentId)),
        ),
      );
    }),
);

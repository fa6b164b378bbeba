// Reactions on posts and comments you may see, except those of people in a
// block with you and those on comments of people in a block with you.
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
      return visible
        .hangingOff(
          (author) => ctx.db.reaction.postAuthorId.filter(author),
          (audience) => ctx.db.reaction.audience.filter(audience),
        )
        .filter(
          (row) => !visible.isBlocked(row.reactorId) && !visible.isBlocked(row.targetAuthorId),
        );
    }),
);

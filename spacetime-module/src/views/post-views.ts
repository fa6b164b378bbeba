// Posts you may see, their live counts, and the earlier versions of your own.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { post, postRevision, postStats } from '../tables/post-tables';
import { forMember } from './viewer';

export const visiblePost = spacetimedb.view(
  { name: 'visible_post', public: true },
  t.array(post.rowType),
  (ctx) => forMember(ctx, (me) => new VisibleContent(ctx.db, me.identity).posts()),
);

export const visiblePostStats = spacetimedb.view(
  { name: 'visible_post_stats', public: true },
  t.array(postStats.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity).hangingOff(
        (author) => ctx.db.postStats.postAuthorId.filter(author),
        (audience) => ctx.db.postStats.audience.filter(audience),
      ),
    ),
);

export const myPostRevision = spacetimedb.view(
  { name: 'my_post_revision', public: true },
  t.array(postRevision.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      [...ctx.db.post.authorId.filter(me.identity)].flatMap((row) => [
        ...ctx.db.postRevision.postId.filter(row.id),
      ]),
    ),
);

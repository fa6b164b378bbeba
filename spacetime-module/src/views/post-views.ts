// Posts you may see and their live counts, in two parts: public posts (every
// member's, minus people in a block with you) and your circle's (your own
// posts that are not public, your friends' friends-only posts). Clients
// subscribe to both; a post is in exactly one. And the earlier versions of
// your own posts.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { post, postRevision, postStats } from '../tables/post-tables';
import { publicAnswer } from './public-answer';
import { forMember } from './viewer';

export const publicPost = spacetimedb.view(
  { name: 'public_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    publicAnswer(
      ctx,
      () => ctx.from.post.where((row) => row.audience.eq('public')),
      (visible) =>
        visible.publicRows(
          (audience) => ctx.db.post.audience.filter(audience),
          (row) => row.authorId,
        ),
    ),
);

export const circlePost = spacetimedb.view(
  { name: 'circle_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity).circle((author) =>
        ctx.db.post.authorId.filter(author),
      ),
    ),
);

export const publicPostStats = spacetimedb.view(
  { name: 'public_post_stats', public: true },
  t.array(postStats.rowType),
  (ctx) =>
    publicAnswer(
      ctx,
      () => ctx.from.postStats.where((row) => row.audience.eq('public')),
      (visible) =>
        visible.publicRows(
          (audience) => ctx.db.postStats.audience.filter(audience),
          (row) => row.postAuthorId,
        ),
    ),
);

export const circlePostStats = spacetimedb.view(
  { name: 'circle_post_stats', public: true },
  t.array(postStats.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity).circle((author) =>
        ctx.db.postStats.postAuthorId.filter(author),
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

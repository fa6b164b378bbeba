// Posts you may see, in three parts that clients subscribe to together (a
// post is in exactly one): public posts (every member's, minus people in a
// block with you), your friends' friends-only posts, and your own posts that
// are not public (friends-only, or deleted and restorable). And the earlier
// versions of your own posts.
import { t } from 'spacetimedb/server';
import { VisibleContent } from '../domain/visibility';
import spacetimedb from '../schema';
import { post, postRevision } from '../tables/post-tables';
import { queryUnlessBlocked } from './view-answers';
import { forMember } from './viewer';

export const publicPost = spacetimedb.view(
  { name: 'public_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    queryUnlessBlocked(
      ctx,
      () => ctx.from.post.where((row) => row.audience.eq('public')),
      (visible) =>
        visible.publicRows(
          (audience) => ctx.db.post.audience.filter(audience),
          (row) => row.authorId,
        ),
    ),
);

/** Friends are never in a block with you (blocking ends the friendship): no filtering. */
export const friendPost = spacetimedb.view(
  { name: 'friend_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity).friendRows((author) =>
        ctx.db.post.authorId.filter(author),
      ),
    ),
);

export const myPost = spacetimedb.view(
  { name: 'my_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    forMember(ctx, (me) =>
      new VisibleContent(ctx.db, me.identity).ownRows((author) =>
        ctx.db.post.authorId.filter(author),
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

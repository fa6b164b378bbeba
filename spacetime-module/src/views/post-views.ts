// Posts you may see, in three parts that clients subscribe to together (a
// post is in exactly one): public posts (every member's, minus people in a
// block with you), your friends' friends-only posts, and your own posts that
// are not public (friends-only, or deleted and restorable). And the earlier
// versions of your own posts.
import { t } from 'spacetimedb/server';
import spacetimedb from '../schema';
import { post, postRevision } from '../tables/post-tables';
import { memberQuery, queryUnlessBlocked } from './view-answers';
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
    memberQuery(ctx, (me) =>
      ctx.from.friendship
        .where((row) => row.ownerId.eq(me.identity))
        .rightSemijoin(ctx.from.post, (friend, row) => friend.friendId.eq(row.authorId))
        .where((row) => row.audience.eq('friends')),
    ),
);

export const myPost = spacetimedb.view(
  { name: 'my_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    memberQuery(ctx, (me) =>
      ctx.from.post.where((row) => row.authorId.eq(me.identity).and(row.audience.ne('public'))),
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

// One reaction per person per post or comment.
import { t, table } from 'spacetimedb/server';
import { postAudienceColumns } from './post-audience-columns';

export const reaction = table(
  {
    name: 'reaction',
    indexes: [
      { accessor: 'target', algorithm: 'btree', columns: ['postId', 'commentId'] },
      {
        accessor: 'reactorTarget',
        algorithm: 'btree',
        columns: ['reactorId', 'postId', 'commentId'],
      },
    ],
  },
  {
    id: t.u64().primaryKey().autoInc(),
    /** The post reacted to, or the post of the comment reacted to. */
    postId: t.u64().index('btree'),
    /** The comment reacted to; 0 for a reaction on the post itself. */
    commentId: t.u64(),
    ...postAudienceColumns(),
    /** Who wrote what was reacted to: the post's author, or the comment's. */
    targetAuthorId: t.identity().index('btree'),
    reactorId: t.identity().index('btree'),
    kind: t.string(),
    createdAt: t.timestamp(),
  },
);

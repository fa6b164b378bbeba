// What rows that hang off a post (its counts, comments, reactions, media)
// carry of the post, so that views can find them by whose post they are on
// and who may see it, without reading every post first: a new post then
// touches only the views that show it.
import { t } from 'spacetimedb/server';

export function postAudienceColumns() {
  return {
    /** The author of the post. */
    postAuthorId: t.identity().index('btree'),
    /** The post's audience: `public`, `friends`, or `hidden` while the post is deleted. */
    audience: t.string().index('btree'),
  };
}

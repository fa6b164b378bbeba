// Reading what a client's cache actually received.
import type { KithClient } from './kith-client.js';

type Db = KithClient['conn']['db'];
type TableName = {
  [K in keyof Db]: Db[K] extends { iter(): Iterable<unknown> } ? K : never;
}[keyof Db];
type RowOf<K extends TableName> = Db[K] extends { iter(): Iterable<infer R> } ? R : never;

/** Every row of one view in `client`'s cache. */
export function rows<K extends TableName>(client: KithClient, table: K): RowOf<K>[] {
  const handle = client.conn.db[table] as unknown as { iter(): Iterable<RowOf<K>> };
  return [...handle.iter()];
}

// Posts and what hangs off them arrive in three views each (public posts,
// friends' friends-only posts, your own non-public posts); a client reads
// them as one.

export function visiblePosts(client: KithClient) {
  return [...rows(client, 'publicPost'), ...rows(client, 'friendPost'), ...rows(client, 'myPost')];
}

export function visiblePostStats(client: KithClient) {
  return [
    ...rows(client, 'publicPostStats'),
    ...rows(client, 'friendPostStats'),
    ...rows(client, 'myPostStats'),
  ];
}

export function visibleComments(client: KithClient) {
  return [
    ...rows(client, 'publicComment'),
    ...rows(client, 'friendComment'),
    ...rows(client, 'myComment'),
  ];
}

export function visibleCommentStats(client: KithClient) {
  return [
    ...rows(client, 'publicCommentStats'),
    ...rows(client, 'friendCommentStats'),
    ...rows(client, 'myCommentStats'),
  ];
}

/** Every media row the client may load. */
export function loadableMedia(client: KithClient) {
  return [...rows(client, 'publicMedia'), ...rows(client, 'visibleMedia')];
}

/** The texts of the posts in `client`'s cache, sorted. */
export function postTexts(client: KithClient): string[] {
  return visiblePosts(client)
    .map((row) => row.text)
    .sort();
}

/** The posts `author` wrote, as `client` holds them. */
export function postsBy(client: KithClient, author: KithClient) {
  return visiblePosts(client).filter((row) => row.authorId.isEqual(author.identity));
}

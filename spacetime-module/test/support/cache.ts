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

/** The texts of the posts (or comments) in `client`'s cache, sorted. */
export function postTexts(client: KithClient): string[] {
  return rows(client, 'visiblePost')
    .map((row) => row.text)
    .sort();
}

/** The posts `author` wrote, as `client` holds them. */
export function postsBy(client: KithClient, author: KithClient) {
  return rows(client, 'visiblePost').filter((row) => row.authorId.isEqual(author.identity));
}

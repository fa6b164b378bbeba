// A post's comments as a live thread. Items are keyed by comment id, so a
// comment being replied to keeps its open reply box while others arrive. The
// reader's own deleted comments that they can restore stay in their place,
// with their text and Restore (my_deleted_comment serves them to their author
// alone; it is read only here, on the post's page).
import { createMemo, For, Match, Show, Switch } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { useView } from '../live/view-subscription';
import { CommentItem } from './comment-item';
import { buildThread, childIds, TOP_LEVEL, withRestorable } from './comment-tree';
import { DeletedCommentItem } from './deleted-comment-item';

export function CommentThread(props: { readonly post: Post }) {
  const { data } = useLive();
  const deleted = useView('myDeletedComment');
  const restorable = createMemo(
    () =>
      new Map(
        deleted.rows
          .filter((row) => row.postId === props.post.id)
          .map((row) => [row.commentId, row]),
      ),
  );
  const children = createMemo(() =>
    childIds(
      buildThread(
        withRestorable(
          data.commentsOn(props.post.id).map((row) => ({
            id: row.id,
            parentId: row.parentId,
            createdAt: row.createdAt.microsSinceUnixEpoch,
            deleted: row.deletedAt !== undefined,
          })),
          [...restorable().values()].map((row) => ({
            id: row.commentId,
            parentId: row.parentId,
            createdAt: row.createdAt.microsSinceUnixEpoch,
            deleted: false,
          })),
        ),
      ),
    ),
  );
  const idsUnder = (parent: bigint) => children().get(parent) ?? [];
  const CommentList = (listProps: { readonly parent: bigint; readonly depth: number }) => (
    <ol class="comment-list" classList={{ nested: listProps.depth > 0 && listProps.depth < 4 }}>
      <For each={idsUnder(listProps.parent)}>
        {(id) => (
          <li>
            <Switch>
              <Match when={restorable().get(id)}>
                {(row) => <DeletedCommentItem comment={row()} />}
              </Match>
              <Match when={data.comment(id)}>
                {(row) => <CommentItem comment={row()} post={props.post} />}
              </Match>
            </Switch>
            <Show when={idsUnder(id).length > 0}>
              <CommentList parent={id} depth={listProps.depth + 1} />
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
  return (
    <Show
      when={idsUnder(TOP_LEVEL).length > 0}
      fallback={<p class="muted">No comments yet. Be the first.</p>}
    >
      <CommentList parent={TOP_LEVEL} depth={0} />
    </Show>
  );
}

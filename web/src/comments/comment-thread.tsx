// A post's comments as a live thread. Items are keyed by comment id, so a
// comment being replied to keeps its open reply box while others arrive.
import { createMemo, For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { CommentItem } from './comment-item';
import { buildThread, childIds, TOP_LEVEL } from './comment-tree';

export function CommentThread(props: { readonly post: Post }) {
  const { data } = useLive();
  const children = createMemo(() =>
    childIds(
      buildThread(
        data.commentsOn(props.post.id).map((row) => ({
          id: row.id,
          parentId: row.parentId,
          createdAt: row.createdAt.microsSinceUnixEpoch,
          deleted: row.deletedAt !== undefined,
        })),
      ),
    ),
  );
  const idsUnder = (parent: bigint) => children().get(parent) ?? [];
  const CommentList = (listProps: { readonly parent: bigint; readonly depth: number }) => (
    <ol class="comment-list" classList={{ nested: listProps.depth > 0 && listProps.depth < 4 }}>
      <For each={idsUnder(listProps.parent)}>
        {(id) => (
          <li>
            <Show when={data.comment(id)}>
              {(row) => <CommentItem comment={row()} post={props.post} />}
            </Show>
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

// One post with its live comment thread.
import { A, useParams } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { CommentForm } from '../comments/comment-form';
import { CommentThread } from '../comments/comment-thread';
import { TypingIndicator } from '../comments/typing-indicator';
import { useLive } from '../live/live-context';
import { displayNameOf } from '../profiles/display-name';
import { EmptyState } from '../ui/empty-state';
import { usePageTitle } from '../ui/page-title';
import { PostCard } from './post-card';

export default function PostPage() {
  const params = useParams<{ id: string }>();
  const { data } = useLive();
  const postId = createMemo(() => (/^\d{1,20}$/.test(params.id) ? BigInt(params.id) : undefined));
  const post = () => {
    const id = postId();
    return id === undefined ? undefined : data.post(id);
  };
  usePageTitle(() => {
    const shown = post();
    if (shown === undefined) return 'Post';
    return `${displayNameOf(data.account(shown.authorId.toHexString()))}: ${shown.text.slice(0, 40)}`;
  });
  return (
    <div class="post-page">
      <Show
        when={post()}
        fallback={
          <Show when={data.tables.ready()} fallback={<p role="status">Loading…</p>}>
            <EmptyState title="This post is not available">
              <p>
                It may have been deleted, or it is shared only with its author’s friends.{' '}
                <A href="/">Back to your feed</A>
              </p>
            </EmptyState>
          </Show>
        }
      >
        {(shown) => (
          <>
            <h1 class="visually-hidden">Post</h1>
            <PostCard post={shown()} standalone />
            <Show when={shown().deletedAt === undefined}>
              <section class="card comments" id="comments" aria-labelledby="comments-title">
                <h2 id="comments-title">Comments</h2>
                <CommentThread post={shown()} />
                <TypingIndicator postId={shown().id} />
                <Show when={!data.mutedUntil()}>
                  <CommentForm postId={shown().id} label="Write a comment" />
                </Show>
              </section>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

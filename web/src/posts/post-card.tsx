// One post as the feed, a profile and its own page show it.

import type { ReactionKind } from '@kith/shared/reactions';
import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { AccountAvatar } from '../profiles/account-avatar';
import { displayNameOf } from '../profiles/display-name';
import { RichText } from '../rich-text/rich-text';
import { CommentIcon } from '../ui/icons';
import { TimeAgo } from '../ui/time-ago';
import { DeletedPostNotice } from './deleted-post-notice';
import { PostEditor } from './post-editor';
import { PostHistory } from './post-history';
import { PostMediaGrid } from './post-media-grid';
import { PostMenu } from './post-menu';
import { ReactionBar } from './reaction-bar';
import { reactionCounts } from './reaction-counts';
import { VisibilityBadge } from './visibility-badge';

export interface PostCardProps {
  readonly post: Post;
  /** On the post's own page: no link to itself, images load at once. */
  readonly standalone?: boolean;
}

export function PostCard(props: PostCardProps) {
  const { data, act } = useLive();
  const [editing, setEditing] = createSignal(false);
  let menuButton: HTMLElement | undefined;
  // The editor goes away with focus in it (saved, cancelled, Escape): back to the menu it came from.
  const stopEditing = () => {
    setEditing(false);
    menuButton?.focus();
  };
  const author = () => data.account(props.post.authorId.toHexString());
  const stats = () => data.postStats(props.post.id);
  const commentCount = () => stats()?.comments ?? 0;
  const headingId = () => `post-${props.post.id}-author`;
  const react = (kind: ReactionKind) => act((r) => r.reactToPost({ postId: props.post.id, kind }));
  const unreact = () => act((r) => r.removePostReaction({ postId: props.post.id }));
  return (
    <article class="card post" aria-labelledby={headingId()} data-post-id={String(props.post.id)}>
      <Show
        when={props.post.deletedAt === undefined}
        fallback={<DeletedPostNotice post={props.post} />}
      >
        <header class="post-header">
          <A href={`/u/${author()?.username ?? ''}`} tabindex="-1" aria-hidden="true">
            <AccountAvatar account={author()} />
          </A>
          <div class="post-byline">
            <h3 class="post-author" id={headingId()}>
              <A href={`/u/${author()?.username ?? ''}`}>{displayNameOf(author())}</A>
              <span class="muted"> @{author()?.username ?? '…'}</span>
            </h3>
            <p class="post-meta muted small">
              <Show
                when={!props.standalone}
                fallback={<TimeAgo at={props.post.createdAt.toDate()} />}
              >
                <A href={`/post/${props.post.id}`} class="post-permalink">
                  <TimeAgo at={props.post.createdAt.toDate()} />
                </A>
              </Show>
              <span aria-hidden="true"> · </span>
              <VisibilityBadge visibility={props.post.visibility} />
              <Show when={props.post.editedAt}>
                <span aria-hidden="true"> · </span>
                <PostHistory post={props.post} />
              </Show>
              <Show
                when={
                  data.me()?.pinnedPostId === props.post.id &&
                  author()?.identity.toHexString() === data.myHex()
                }
              >
                <span aria-hidden="true"> · </span>
                <span>pinned</span>
              </Show>
            </p>
          </div>
          <PostMenu
            post={props.post}
            onEdit={() => setEditing(true)}
            buttonRef={(button) => {
              menuButton = button;
            }}
          />
        </header>
        <Show when={!editing()} fallback={<PostEditor post={props.post} onDone={stopEditing} />}>
          <Show when={props.post.text.trim() !== ''}>
            <p class="post-text" classList={{ large: props.standalone === true }}>
              <RichText text={props.post.text} authorUsername={author()?.username} />
            </p>
          </Show>
        </Show>
        <PostMediaGrid
          mediaIds={props.post.mediaIds}
          authorName={displayNameOf(author())}
          eager={props.standalone}
        />
        <footer class="post-footer">
          <ReactionBar
            target="post"
            counts={reactionCounts(stats())}
            mine={data.myReaction(props.post.id, 0n)}
            react={react}
            unreact={unreact}
          />
          <Show when={!props.standalone}>
            <A class="button ghost small comment-link" href={`/post/${props.post.id}#comments`}>
              <CommentIcon />
              <span>
                {commentCount() === 0
                  ? 'Comment'
                  : `${commentCount()} comment${commentCount() === 1 ? '' : 's'}`}
              </span>
            </A>
          </Show>
        </footer>
      </Show>
    </article>
  );
}

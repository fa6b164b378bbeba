// A member's profile: banner, picture, name, bio and links, the friendship,
// their friends (or the friends in common), their pinned post and their posts.
import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, Show } from 'solid-js';
import { decodeParam } from '../feed/decode-param';
import { newestFirst } from '../feed/feed-window';
import { InfiniteList } from '../feed/infinite-list';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { PostCard } from '../posts/post-card';
import { EmptyState } from '../ui/empty-state';
import { usePageTitle } from '../ui/page-title';
import { displayNameOf } from './display-name';
import { FriendsStrip } from './friends-strip';
import { ProfileHeader } from './profile-header';

export default function ProfilePage() {
  const params = useParams<{ username: string }>();
  const { data } = useLive();
  const navigate = useNavigate();
  const username = () => decodeParam(params.username);
  const account = () => data.accountNamed(username());
  // A link to a name its holder gave up (an old mention, a bookmark) leads to them.
  createEffect(() => {
    if (account() !== undefined) return;
    const renamed = data.formerlyNamed(username());
    if (renamed !== undefined) navigate(`/u/${renamed.username}`, { replace: true });
  });
  usePageTitle(() => {
    const shown = account();
    return shown === undefined ? 'Profile' : `${displayNameOf(shown)} (@${shown.username})`;
  });
  const posts = createMemo(() => {
    const shown = account();
    if (shown === undefined) return [];
    const hex = shown.identity.toHexString();
    const mine = hex === data.myHex();
    return newestFirst(
      data.tables.posts
        .filter(
          (post) =>
            post.authorId.toHexString() === hex &&
            (post.deletedAt === undefined || mine) &&
            post.id !== shown.pinnedPostId,
        )
        .map((post) => ({
          id: post.id,
          authorHex: hex,
          createdAt: post.createdAt.microsSinceUnixEpoch,
          post,
        })),
    ).map((item) => item.post);
  });
  const pinned = () => {
    const id = account()?.pinnedPostId;
    return id === undefined ? undefined : data.post(id);
  };
  return (
    <Show
      when={account()}
      fallback={
        <Show when={data.tables.ready()} fallback={<p role="status">Loading…</p>}>
          <EmptyState title="No such member">
            <p>
              Nobody here is called @{username()}, or you cannot see them.{' '}
              <A href="/friends">Find people</A>
            </p>
          </EmptyState>
        </Show>
      }
    >
      {(shown) => (
        <div class="profile-page stack-large">
          <ProfileHeader account={shown()} />
          <FriendsStrip account={shown()} />
          <Show when={pinned()}>
            {(post) => (
              <section aria-labelledby="pinned-title">
                <h2 class="section-title" id="pinned-title">
                  Pinned
                </h2>
                <PostCard post={post()} />
              </section>
            )}
          </Show>
          <section aria-labelledby="posts-title">
            <h2 class="section-title" id="posts-title">
              Posts
            </h2>
            <Show
              when={posts().length > 0}
              fallback={<p class="muted card">No posts you can see yet.</p>}
            >
              <InfiniteList<Post> items={posts()} label={`Posts by ${displayNameOf(shown())}`}>
                {(post) => <PostCard post={post} />}
              </InfiniteList>
            </Show>
          </section>
        </div>
      )}
    </Show>
  );
}

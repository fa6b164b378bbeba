// The home feed: the composer, then every post the person may see, newest
// first, live; new posts from others wait behind a pill.
import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { PostCard } from '../posts/post-card';
import { usePageTitle } from '../ui/page-title';
import { Composer } from './composer';
import { EmptyFeed } from './empty-feed';
import { feedItems } from './feed-items';
import { admitThrough, splitFeed } from './feed-window';
import { InfiniteList } from './infinite-list';
import { NewPostsPill } from './new-posts-pill';

export default function HomePage() {
  usePageTitle(() => 'Home');
  const { data } = useLive();
  const items = createMemo(() =>
    feedItems(data.tables.posts, data.myHex(), BigInt(Date.now()) * 1000n),
  );
  // Whether the feed has filled, and the newest time admitted so far (see splitFeed).
  const [filled, setFilled] = createSignal(false);
  const [through, setThrough] = createSignal<bigint | undefined>(undefined);
  createEffect(() => {
    if (!filled() && data.tables.ready() && data.me() !== undefined) {
      // An empty feed admits up to now (this device's clock, near enough):
      // a new friend's older posts then go to their place, not behind the pill.
      setThrough(admitThrough(undefined, items()) ?? BigInt(Date.now()) * 1000n);
      setFilled(true);
    }
  });
  const split = createMemo(() => splitFeed(items(), through(), data.myHex()));
  // The person's own post moved the line: keep it there, so what it let in
  // stays when that post goes.
  createEffect(() => {
    const line = split().through;
    if (filled() && line !== through()) setThrough(line);
  });
  let feed: HTMLDivElement | undefined;
  const showPending = () => {
    const first = split().pending[0];
    setThrough(admitThrough(through(), split().pending));
    // The pill goes away with focus on it: focus moves to the newest post it
    // showed (or the list), so a keyboard user carries on from there.
    const target =
      feed?.querySelector<HTMLElement>(`.post-list [data-post-id="${String(first?.id)}"]`) ??
      feed?.querySelector<HTMLElement>('.post-list');
    if (target) {
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
    }
  };
  return (
    <div class="feed" ref={feed}>
      <h1 class="visually-hidden">Home</h1>
      <Composer />
      <NewPostsPill count={split().pending.length} onShow={showPending} />
      <Show when={filled()} fallback={<FeedLoading />}>
        <Show when={split().shown.length > 0} fallback={<EmptyFeed />}>
          <InfiniteList<Post> items={split().shown.map((item) => item.post)} label="Posts">
            {(post) => <PostCard post={post} />}
          </InfiniteList>
        </Show>
      </Show>
    </div>
  );
}

function FeedLoading() {
  return (
    <div class="card skeleton" role="status">
      <span class="visually-hidden">Loading posts…</span>
    </div>
  );
}

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
import { admit, splitFeed } from './feed-window';
import { InfiniteList } from './infinite-list';
import { NewPostsPill } from './new-posts-pill';

export default function HomePage() {
  usePageTitle(() => 'Home');
  const { data } = useLive();
  const items = createMemo(() =>
    feedItems(data.tables.posts, data.myHex(), BigInt(Date.now()) * 1000n),
  );
  const [admitted, setAdmitted] = createSignal<ReadonlySet<bigint> | undefined>(undefined);
  createEffect(() => {
    if (admitted() === undefined && data.tables.ready() && data.me() !== undefined) {
      setAdmitted(admit(new Set(), items()));
    }
  });
  const split = createMemo(() => splitFeed(items(), admitted() ?? new Set(), data.myHex()));
  const showPending = () => setAdmitted(admit(admitted() ?? new Set(), split().pending));
  return (
    <div class="feed">
      <h1 class="visually-hidden">Home</h1>
      <Composer />
      <NewPostsPill count={split().pending.length} onShow={showPending} />
      <Show when={admitted() !== undefined} fallback={<FeedLoading />}>
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

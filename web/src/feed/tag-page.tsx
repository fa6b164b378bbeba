// Every visible post with one hashtag, newest first.

import { hashtags } from '@kith/shared/tokenizer';
import { useParams } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Post } from '../live/live-rows';
import { PostCard } from '../posts/post-card';
import { EmptyState } from '../ui/empty-state';
import { usePageTitle } from '../ui/page-title';
import { decodeParam } from './decode-param';
import { feedItems } from './feed-items';
import { newestFirst } from './feed-window';
import { InfiniteList } from './infinite-list';

export default function TagPage() {
  const params = useParams<{ tag: string }>();
  const tag = () => decodeParam(params.tag).toLowerCase();
  usePageTitle(() => `#${tag()}`);
  const { data } = useLive();
  const tagged = createMemo(() =>
    newestFirst(
      feedItems(data.tables.posts, data.myHex(), 0n).filter(
        (item) => item.post.deletedAt === undefined && hashtags(item.post.text).includes(tag()),
      ),
    ),
  );
  return (
    <div class="feed">
      <h1 class="page-title">#{tag()}</h1>
      <Show
        when={tagged().length > 0}
        fallback={
          <EmptyState title={`No posts with #${tag()} yet`}>
            <p>Posts you can see that use this tag will appear here as they are written.</p>
          </EmptyState>
        }
      >
        <InfiniteList<Post>
          items={tagged().map((item) => item.post)}
          label={`Posts tagged ${tag()}`}
        >
          {(post) => <PostCard post={post} />}
        </InfiniteList>
      </Show>
    </div>
  );
}

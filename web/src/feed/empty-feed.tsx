// The feed of someone new: what Kith is for and the first things to do.
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { useLive } from '../live/live-context';
import { EmptyState } from '../ui/empty-state';

export function EmptyFeed() {
  const { data } = useLive();
  return (
    <EmptyState title="Your feed is quiet for now">
      <Show
        when={data.friendHexes().length === 0}
        fallback={
          <p>Nobody has posted yet. Say hello with the box above: your friends will see it live.</p>
        }
      >
        <p>Kith shows what your friends share, as they share it. To get started:</p>
        <ol class="steps">
          <li>
            <A href="/friends">Find the friends who are already here</A> and send them a friend
            request.
          </li>
          <li>Write your first post above. “Friends only” posts reach only your friends.</li>
          <li>
            <A href="/settings#invites">Invite someone</A> who is not here yet.
          </li>
        </ol>
      </Show>
    </EmptyState>
  );
}

// The person's friends on their own profile, with who is around.
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { PresenceDot } from '../friends/presence-dot';
import { useLive } from '../live/live-context';
import { AccountAvatar } from './account-avatar';
import { displayNameOf } from './display-name';

const SHOWN = 12;

export function FriendsStrip() {
  const { data } = useLive();
  const friends = createMemo(() => data.friendHexes().flatMap((hex) => data.account(hex) ?? []));
  return (
    <section class="card" aria-labelledby="profile-friends-title">
      <div class="page-heading">
        <h2 id="profile-friends-title">Friends ({friends().length})</h2>
        <A href="/friends" class="small">
          See all
        </A>
      </div>
      <Show
        when={friends().length > 0}
        fallback={
          <p class="muted">
            No friends yet. <A href="/friends">Find people you know</A>.
          </p>
        }
      >
        <ul class="friends-strip">
          <For each={friends().slice(0, SHOWN)}>
            {(friend) => (
              <li>
                <A href={`/u/${friend.username}`} class="friend-chip">
                  <span class="person-avatar">
                    <AccountAvatar account={friend} />
                    <PresenceDot hex={friend.identity.toHexString()} />
                  </span>
                  <span class="small">{displayNameOf(friend)}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

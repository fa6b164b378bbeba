// Friends on a profile, with who is around: your own friends on yours, a
// friend's friends on theirs, and the friends you have in common on anyone
// else's (the module sends you only your friends' lists).
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { PresenceDot } from '../friends/presence-dot';
import { useLive } from '../live/live-context';
import type { Account } from '../live/live-rows';
import { AccountAvatar } from './account-avatar';
import { displayNameOf } from './display-name';

const SHOWN = 12;

export function FriendsStrip(props: { readonly account: Account }) {
  const { data } = useLive();
  const hex = () => props.account.identity.toHexString();
  const mine = () => hex() === data.myHex();
  const inCommon = () => !mine() && !data.isFriend(hex());
  const friends = createMemo(() => data.friendsOf(hex()).flatMap((one) => data.account(one) ?? []));
  const title = () => (inCommon() ? 'Friends in common' : 'Friends');
  const titleId = 'profile-friends-title';
  return (
    <section class="card" aria-labelledby={titleId}>
      <div class="page-heading">
        <h2 id={titleId}>
          {title()} ({friends().length})
        </h2>
        <Show when={mine()}>
          <A href="/friends" class="small">
            See all
          </A>
        </Show>
      </div>
      <Show
        when={friends().length > 0}
        fallback={
          <p class="muted">
            <Show
              when={mine()}
              fallback={inCommon() ? 'No friends in common.' : 'No other friends yet.'}
            >
              No friends yet. <A href="/friends">Find people you know</A>.
            </Show>
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

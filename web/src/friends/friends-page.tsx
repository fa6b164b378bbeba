// Friend requests in and out, the friend list with who is around, finding
// members to befriend, and the people the person blocked.
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Account, Block } from '../live/live-rows';
import { displayNameOf } from '../profiles/display-name';
import { createAction } from '../ui/create-action';
import { EmptyState } from '../ui/empty-state';
import { FormError } from '../ui/form-error';
import { usePageTitle } from '../ui/page-title';
import { FriendButton } from './friend-button';
import { byPresenceThenName } from './friend-order';
import { PersonRow } from './person-row';

export default function FriendsPage() {
  usePageTitle(() => 'Friends');
  const { data } = useLive();
  const accountsOf = (hexes: readonly string[]) => hexes.flatMap((hex) => data.account(hex) ?? []);
  const incoming = createMemo(() =>
    accountsOf(data.incomingRequests().map((r) => r.senderId.toHexString())),
  );
  const outgoing = createMemo(() =>
    accountsOf(data.outgoingRequests().map((r) => r.recipientId.toHexString())),
  );
  const friends = createMemo(() =>
    accountsOf(data.friendHexes())
      .map((account) => ({
        account,
        name: displayNameOf(account),
        status: data.presence(account.identity.toHexString())?.status,
      }))
      .sort(byPresenceThenName)
      .map((entry) => entry.account),
  );
  return (
    <div class="friends-page stack-large">
      <h1 class="page-title">Friends</h1>
      <Show when={incoming().length > 0}>
        <section class="card" aria-labelledby="incoming-title">
          <h2 id="incoming-title">Friend requests</h2>
          <PeopleList people={incoming()} />
        </section>
      </Show>
      <section class="card" aria-labelledby="friends-title">
        <h2 id="friends-title">Your friends ({friends().length})</h2>
        <Show
          when={friends().length > 0}
          fallback={<p class="muted">No friends yet. Find the people you know below.</p>}
        >
          <PeopleList people={friends()} showPresence />
        </Show>
      </section>
      <Show when={outgoing().length > 0}>
        <section class="card" aria-labelledby="outgoing-title">
          <h2 id="outgoing-title">Requests you sent</h2>
          <PeopleList people={outgoing()} />
        </section>
      </Show>
      <FindPeople />
      <BlockedPeople />
    </div>
  );
}

function PeopleList(props: {
  readonly people: readonly Account[];
  readonly showPresence?: boolean;
}) {
  return (
    <ul class="people">
      <For each={props.people}>
        {(account) => (
          <li>
            <PersonRow account={account} showPresence={props.showPresence}>
              <FriendButton account={account} compact />
            </PersonRow>
          </li>
        )}
      </For>
    </ul>
  );
}

function FindPeople() {
  const { data } = useLive();
  const [query, setQuery] = createSignal('');
  const matches = createMemo(() => {
    const q = query().trim().toLowerCase().replace(/^@/, '');
    return data.tables.accounts
      .filter((account) => {
        const hex = account.identity.toHexString();
        if (hex === data.myHex() || data.isFriend(hex)) return false;
        if (q === '') return true;
        return account.username.includes(q) || account.displayName.toLowerCase().includes(q);
      })
      .slice(0, 30);
  });
  return (
    <section class="card" aria-labelledby="find-title">
      <h2 id="find-title">Find people on Kith</h2>
      <div class="field">
        <label for="find-people">Search by name or @username</label>
        <input
          id="find-people"
          type="search"
          value={query()}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </div>
      <Show
        when={matches().length > 0}
        fallback={
          <EmptyState title={query() ? 'Nobody by that name' : 'Everyone here is your friend'}>
            <p>
              Kith is invite-only: <a href="/settings#invites">invite a friend</a> who is not here
              yet.
            </p>
          </EmptyState>
        }
      >
        <PeopleList people={matches()} />
      </Show>
    </section>
  );
}

function BlockedPeople() {
  const { data, act } = useLive();
  const unblock = createAction((row: Block) =>
    act((r) => r.unblockAccount({ target: row.blockedId })),
  );
  return (
    <Show when={data.tables.blocks.length > 0}>
      <section class="card" aria-labelledby="blocked-title">
        <h2 id="blocked-title">Blocked</h2>
        <p class="muted small">
          You and they cannot see each other’s posts, comments or reactions. They are not told.
        </p>
        <ul class="people">
          <For each={data.tables.blocks}>
            {(row) => {
              // The module may withhold a blocked member's account from the blocker too.
              const account = () => data.account(row.blockedId.toHexString());
              const name = () => (account() ? displayNameOf(account()) : 'A member you blocked');
              const button = (
                <button
                  type="button"
                  class="button small"
                  disabled={unblock.busy()}
                  aria-label={`Unblock ${name()}`}
                  onClick={() => void unblock.run(row)}
                >
                  Unblock
                </button>
              );
              return (
                <li>
                  <Show
                    when={account()}
                    fallback={
                      <div class="person-row">
                        <span class="person-names">{name()}</span>
                        <span class="person-actions">{button}</span>
                      </div>
                    }
                  >
                    {(known) => <PersonRow account={known()}>{button}</PersonRow>}
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
        <FormError message={unblock.error()} />
      </section>
    </Show>
  );
}

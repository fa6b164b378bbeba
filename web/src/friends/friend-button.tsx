// The one control for a friendship: ask, cancel, accept or decline, unfriend.
import { Match, Switch } from 'solid-js';
import { useLive } from '../live/live-context';
import type { Account } from '../live/live-rows';
import { displayNameOf } from '../profiles/display-name';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { useFriendState } from './use-friend-state';

export function FriendButton(props: { readonly account: Account; readonly compact?: boolean }) {
  const { act } = useLive();
  const state = useFriendState(() => props.account.identity.toHexString());
  const name = () => displayNameOf(props.account);
  const who = () => props.account.identity;
  const change = createAction((run: Parameters<typeof act>[0]) => act(run));
  const size = () => (props.compact ? ' small' : '');
  return (
    <div class="friend-button">
      <Switch>
        <Match when={state() === 'strangers'}>
          <button
            type="button"
            class={`button primary${size()}`}
            disabled={change.busy()}
            onClick={() => void change.run((r) => r.sendFriendRequest({ recipient: who() }))}
          >
            Add friend
          </button>
        </Match>
        <Match when={state() === 'request-sent'}>
          <button
            type="button"
            class={`button${size()}`}
            disabled={change.busy()}
            aria-label={`Cancel your friend request to ${name()}`}
            onClick={() => void change.run((r) => r.cancelFriendRequest({ recipient: who() }))}
          >
            Cancel request
          </button>
        </Match>
        <Match when={state() === 'request-received'}>
          <button
            type="button"
            class={`button primary${size()}`}
            disabled={change.busy()}
            aria-label={`Accept ${name()}'s friend request`}
            onClick={() => void change.run((r) => r.acceptFriendRequest({ requester: who() }))}
          >
            Accept
          </button>
          <button
            type="button"
            class={`button ghost${size()}`}
            disabled={change.busy()}
            aria-label={`Decline ${name()}'s friend request`}
            onClick={() => void change.run((r) => r.rejectFriendRequest({ requester: who() }))}
          >
            Decline
          </button>
        </Match>
        <Match when={state() === 'friends'}>
          <button
            type="button"
            class={`button${size()}`}
            disabled={change.busy()}
            aria-label={`Unfriend ${name()}`}
            onClick={() => void change.run((r) => r.unfriend({ friend: who() }))}
          >
            Unfriend
          </button>
        </Match>
      </Switch>
      <FormError message={change.error()} />
    </div>
  );
}

// A member in a list: picture (with a presence dot for friends), name, and
// the actions that fit the list.
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import type { Account } from '../live/live-rows';
import { AccountAvatar } from '../profiles/account-avatar';
import { displayNameOf } from '../profiles/display-name';
import { LastSeen, PresenceDot } from './presence-dot';

export function PersonRow(props: {
  readonly account: Account;
  readonly showPresence?: boolean;
  readonly children?: JSX.Element;
}) {
  const hex = () => props.account.identity.toHexString();
  return (
    <div class="person-row" data-username={props.account.username}>
      <span class="person-avatar">
        <AccountAvatar account={props.account} />
        {props.showPresence && <PresenceDot hex={hex()} />}
      </span>
      <span class="person-names">
        <A href={`/u/${props.account.username}`} class="person-name">
          {displayNameOf(props.account)}
        </A>
        <span class="muted small">@{props.account.username}</span>
        {props.showPresence && <LastSeen hex={hex()} />}
      </span>
      <span class="person-actions">{props.children}</span>
    </div>
  );
}

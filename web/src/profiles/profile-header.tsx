// The top of a profile: banner, picture, names, presence, bio, links, and
// what the person can do about this member.

import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { FriendButton } from '../friends/friend-button';
import { LastSeen } from '../friends/presence-dot';
import { useLive } from '../live/live-context';
import type { Account } from '../live/live-rows';
import { ReportDialog } from '../reports/report-dialog';
import { RichText } from '../rich-text/rich-text';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { MediaImage } from '../ui/media-image';
import { Menu } from '../ui/menu';
import { AccountAvatar } from './account-avatar';
import { displayNameOf } from './display-name';

type Dialog = 'block' | 'report' | undefined;

export function ProfileHeader(props: { readonly account: Account }) {
  const { data, act } = useLive();
  const [dialog, setDialog] = createSignal<Dialog>(undefined);
  const hex = () => props.account.identity.toHexString();
  const mine = () => hex() === data.myHex();
  const banner = () => {
    const id = props.account.bannerMediaId;
    return id === undefined ? undefined : data.media(id);
  };
  return (
    <header class="card profile-header">
      <div class="profile-banner">
        <Show when={banner()}>
          {(media) => (
            <MediaImage
              width={media().width}
              height={media().height}
              placeholder={media().placeholder}
              src={media().url}
              alt=""
              eager
              fit="fill"
            />
          )}
        </Show>
      </div>
      <div class="profile-identity">
        <AccountAvatar
          account={props.account}
          size="large"
          alt={`${displayNameOf(props.account)}'s picture`}
        />
        <div class="profile-names">
          <h1>{displayNameOf(props.account)}</h1>
          <p class="muted">
            @{props.account.username}
            <Show when={props.account.pronouns}> · {props.account.pronouns}</Show>
          </p>
          <Show when={!mine() && data.isFriend(hex())}>
            <LastSeen hex={hex()} />
          </Show>
        </div>
        <div class="profile-actions">
          <Show
            when={!mine()}
            fallback={
              <A class="button" href="/settings#profile">
                Edit profile
              </A>
            }
          >
            <FriendButton account={props.account} />
            <Menu label={`More actions for ${displayNameOf(props.account)}`}>
              <button type="button" onClick={() => setDialog('block')}>
                Block
              </button>
              <button type="button" onClick={() => setDialog('report')}>
                Report
              </button>
            </Menu>
          </Show>
        </div>
      </div>
      <Show when={props.account.bio}>
        <p class="profile-bio">
          <RichText text={props.account.bio} authorUsername={props.account.username} />
        </p>
      </Show>
      <Show when={props.account.links.length > 0}>
        <ul class="profile-links">
          <For each={props.account.links}>
            {(link) => (
              <li>
                <a href={link} target="_blank" rel="noopener noreferrer nofollow ugc">
                  {link.replace(/^https?:\/\//, '')}
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="muted small">Joined {props.account.joinedAt.toDate().toLocaleDateString()}</p>
      <ConfirmDialog
        open={dialog() === 'block'}
        title={`Block ${displayNameOf(props.account)}?`}
        confirmLabel="Block"
        onClose={() => setDialog(undefined)}
        onConfirm={() => act((r) => r.blockAccount({ target: props.account.identity }))}
      >
        <p>
          You will stop being friends, and neither of you will see the other’s posts, comments or
          reactions. They are not told. You can unblock them from your Friends page.
        </p>
      </ConfirmDialog>
      <ReportDialog
        open={dialog() === 'report'}
        title={`Report ${displayNameOf(props.account)}`}
        targetKind="account"
        targetId={props.account.username}
        onClose={() => setDialog(undefined)}
      />
    </header>
  );
}

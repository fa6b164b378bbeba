import { A } from '@solidjs/router';
import { type JSX, Show } from 'solid-js';
import { session } from '../auth/session-store';
import { useLive } from '../live/live-context';
import { AccountAvatar } from '../profiles/account-avatar';
import { BellIcon, FriendsIcon, GearIcon, HomeIcon, ShieldIcon } from '../ui/icons';

function NavLink(props: {
  readonly href: string;
  readonly label: string;
  readonly icon: JSX.Element;
  readonly count?: number;
  readonly countLabel?: string;
  readonly end?: boolean;
}) {
  const label = () =>
    props.count ? `${props.label}, ${props.count} ${props.countLabel ?? 'new'}` : props.label;
  return (
    <A class="nav-link" href={props.href} end={props.end} aria-label={label()}>
      {props.icon}
      <span class="nav-label" aria-hidden="true">
        {props.label}
      </span>
      {/* A space, so the visible text reads "Notifications 3", not "Notifications3"
          (the name must contain it, WCAG 2.5.3); flex layout ignores it. */}{' '}
      <Show when={props.count}>
        <span class="badge" aria-hidden="true">
          {props.count! > 99 ? '99+' : props.count}
        </span>
      </Show>
    </A>
  );
}

export function MainNav() {
  const { data } = useLive();
  const isAdmin = () => session()?.user.role === 'admin' || data.me()?.tokenRole === 'admin';
  return (
    <nav class="main-nav" aria-label="Main">
      <NavLink href="/" end label="Home" icon={<HomeIcon />} />
      <NavLink
        href="/friends"
        label="Friends"
        icon={<FriendsIcon />}
        count={data.incomingRequests().length}
        countLabel="friend requests"
      />
      <NavLink
        href="/notifications"
        label="Notifications"
        icon={<BellIcon />}
        count={data.unreadCount()}
        countLabel="unread"
      />
      <Show when={data.me()}>
        {(me) => (
          <NavLink
            href={`/u/${me().username}`}
            label="Profile"
            icon={<AccountAvatar account={me()} size="small" />}
          />
        )}
      </Show>
      <NavLink href="/settings" label="Settings" icon={<GearIcon />} />
      <Show when={isAdmin()}>
        <NavLink href="/admin" label="Admin" icon={<ShieldIcon />} />
      </Show>
    </nav>
  );
}

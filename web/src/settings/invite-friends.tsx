// Inviting friends, for members when an admin allows it (the API says no otherwise).
import { InvitePanel } from '../invites/invite-panel';
import { SettingsSection } from './settings-section';

export function InviteFriends() {
  return (
    <SettingsSection id="invites" title="Invite friends">
      <p class="muted small">
        Kith is invite-only. If only admins may invite here, making a link will tell you so.
      </p>
      <InvitePanel />
    </SettingsSection>
  );
}

// Settings: the profile friends see, the account itself, privacy, sessions,
// invites, the data export, and leaving Kith.
import { usePageTitle } from '../ui/page-title';
import { AccountSettings } from './account-settings';
import { DangerZone } from './danger-zone';
import { DataExport } from './data-export';
import { InviteFriends } from './invite-friends';
import { PrivacySettings } from './privacy-settings';
import { ProfileSettings } from './profile-settings';
import { SessionList } from './session-list';
import { SoundSettings } from './sound-settings';

export default function SettingsPage() {
  usePageTitle(() => 'Settings');
  return (
    <div class="settings-page stack-large">
      <h1 class="page-title">Settings</h1>
      <nav class="card settings-nav" aria-label="Settings sections">
        <a href="#profile">Profile</a>
        <a href="#account">Account</a>
        <a href="#privacy">Privacy</a>
        <a href="#sessions">Sessions</a>
        <a href="#sounds">Sounds</a>
        <a href="#invites">Invites</a>
        <a href="#data">Your data</a>
      </nav>
      <ProfileSettings />
      <AccountSettings />
      <PrivacySettings />
      <SessionList />
      <SoundSettings />
      <InviteFriends />
      <DataExport />
      <DangerZone />
    </div>
  );
}

// Every invite, and whether members may make them too.
import { createResource, Show } from 'solid-js';
import { readInstanceSettings, updateInstanceSettings } from '../api-client/invites-api';
import { InvitePanel } from '../invites/invite-panel';
import { SettingsSection } from '../settings/settings-section';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';

export function InvitesPanel() {
  const [settings, { mutate }] = createResource(readInstanceSettings);
  const toggle = createAction(async (membersCanInvite: boolean) => {
    mutate(await updateInstanceSettings({ membersCanInvite }));
  });
  return (
    <SettingsSection id="invites" title="Invites">
      <Show when={settings()}>
        {(current) => (
          <label class="switch">
            <input
              type="checkbox"
              checked={current().membersCanInvite}
              disabled={toggle.busy()}
              onChange={(event) => void toggle.run(event.currentTarget.checked)}
            />
            <span>Members may invite people too</span>
          </label>
        )}
      </Show>
      <FormError message={toggle.error()} />
      <InvitePanel showCreator />
    </SettingsSection>
  );
}

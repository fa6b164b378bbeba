// Whether friends see when the person is around.
import { useLive } from '../live/live-context';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { SettingsSection } from './settings-section';

export function PrivacySettings() {
  const { data, act } = useLive();
  const hidden = () => data.settings()?.hidePresence === true;
  const toggle = createAction((hide: boolean) => act((r) => r.setPresenceHidden({ hidden: hide })));
  return (
    <SettingsSection id="privacy" title="Privacy">
      <label class="switch">
        <input
          type="checkbox"
          checked={!hidden()}
          disabled={toggle.busy()}
          onChange={(event) => void toggle.run(!event.currentTarget.checked)}
        />
        <span>Show friends when I am online and when I was last seen</span>
      </label>
      <p class="muted small">
        When this is off, friends see no presence for you at all, and not when you are typing.
      </p>
      <FormError message={toggle.error()} />
    </SettingsSection>
  );
}

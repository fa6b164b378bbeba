// Whether friends see when the person is around.
import { createSignal } from 'solid-js';
import { useLive } from '../live/live-context';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { SettingsSection } from './settings-section';

export function PrivacySettings() {
  const { data, act } = useLive();
  const hidden = () => data.settings()?.hidePresence === true;
  // What the person asked for while it is being saved; after that the box
  // shows what Kith has, so a refusal puts it back the way it was.
  const [asked, setAsked] = createSignal<boolean | undefined>(undefined);
  const toggle = createAction((hide: boolean) => act((r) => r.setPresenceHidden({ hidden: hide })));
  const change = async (show: boolean) => {
    setAsked(show);
    await toggle.run(!show);
    setAsked(undefined);
  };
  return (
    <SettingsSection id="privacy" title="Privacy">
      <label class="switch">
        <input
          type="checkbox"
          checked={asked() ?? !hidden()}
          disabled={toggle.busy()}
          aria-describedby={toggle.error() === undefined ? undefined : 'privacy-error'}
          onChange={(event) => void change(event.currentTarget.checked)}
        />
        <span>Show friends when I am online and when I was last seen</span>
      </label>
      <p class="muted small">
        When this is off, friends see no presence for you at all, and not when you are typing.
      </p>
      <FormError id="privacy-error" message={toggle.error()} />
    </SettingsSection>
  );
}

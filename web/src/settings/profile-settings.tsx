// The profile friends see: name, pronouns, bio, links, picture and banner.
import {
  BIO_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  PROFILE_LINKS_MAX_COUNT,
  PRONOUNS_MAX_LENGTH,
} from '@kith/shared/limits';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { updateAccount } from '../api-client/account-api';
import { useLive } from '../live/live-context';
import { AccountAvatar } from '../profiles/account-avatar';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';
import { ProfileImagePicker } from './profile-image-picker';
import { SettingsSection } from './settings-section';

export function ProfileSettings() {
  const { data, act } = useLive();
  const [displayName, setDisplayName] = createSignal('');
  const [pronouns, setPronouns] = createSignal('');
  const [bio, setBio] = createSignal('');
  const [links, setLinks] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  // Fill the form once the account arrives (and not again while editing).
  createEffect(
    on(
      () => data.me() !== undefined,
      (arrived) => {
        const me = data.me();
        if (!arrived || me === undefined) return;
        setDisplayName(me.displayName);
        setPronouns(me.pronouns);
        setBio(me.bio);
        setLinks(me.links.join('\n'));
      },
    ),
  );
  const save = createAction(async () => {
    setSaved(false);
    const name = displayName().trim();
    const linkList = links()
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    await act((r) =>
      r.updateProfile({
        displayName: name,
        bio: bio(),
        pronouns: pronouns().trim(),
        links: linkList,
      }),
    );
    // The API keeps the name too (for tokens and emails); the module's copy is what friends see.
    await updateAccount({ displayName: name });
    setSaved(true);
  });
  return (
    <SettingsSection id="profile" title="Profile">
      <div class="profile-images">
        <div class="row">
          <AccountAvatar account={data.me()} size="large" />
          <ProfileImagePicker slot="avatar" label="Change picture" />
        </div>
        <ProfileImagePicker slot="banner" label="Change banner" />
      </div>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
        <TextField
          label="Display name"
          required
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          value={displayName()}
          onInput={(event) => setDisplayName(event.currentTarget.value)}
        />
        <TextField
          label="Pronouns (optional)"
          maxLength={PRONOUNS_MAX_LENGTH}
          value={pronouns()}
          onInput={(event) => setPronouns(event.currentTarget.value)}
        />
        <div class="field">
          <label for="profile-bio">Bio</label>
          <textarea
            id="profile-bio"
            rows={3}
            maxLength={BIO_MAX_LENGTH}
            value={bio()}
            onInput={(event) => setBio(event.currentTarget.value)}
          />
          <p class="field-hint">
            {bio().length} / {BIO_MAX_LENGTH}
          </p>
        </div>
        <div class="field">
          <label for="profile-links">Links (one per line, up to {PROFILE_LINKS_MAX_COUNT})</label>
          <textarea
            id="profile-links"
            rows={2}
            placeholder="https://"
            value={links()}
            onInput={(event) => setLinks(event.currentTarget.value)}
          />
        </div>
        <FormError message={save.error()} />
        <div class="row">
          <button type="submit" class="button primary" disabled={save.busy()}>
            {save.busy() ? 'Saving…' : 'Save profile'}
          </button>
          <Show when={saved() && !save.busy()}>
            <span role="status" class="muted">
              Saved.
            </span>
          </Show>
        </div>
      </form>
    </SettingsSection>
  );
}

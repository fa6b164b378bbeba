// The person's ampersounds: short clips friends play with `&username.name`.
// A new one waits for an admin's approval before others can play it.
import { isValidSoundName, SOUND_NAME_MAX_LENGTH } from '@kith/shared/names';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { uploadMedia } from '../api-client/media-api';
import { useLive } from '../live/live-context';
import type { Sound } from '../live/live-rows';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';
import { waitFor } from '../ui/wait-for';
import { SettingsSection } from './settings-section';

const AUDIO_TYPES = ['audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/mp4', 'audio/x-m4a'];

const STATUS_WORDS: Readonly<Record<string, string>> = {
  pending: 'waiting for an admin',
  approved: 'approved',
  rejected: 'rejected',
};

export function SoundSettings() {
  const { data, act } = useLive();
  const [name, setName] = createSignal('');
  const [file, setFile] = createSignal<File | undefined>(undefined);
  const mine = createMemo(() =>
    data.tables.sounds.filter((row) => row.ownerId.toHexString() === data.myHex()),
  );
  const nameProblem = () =>
    name() === '' || isValidSoundName(name())
      ? undefined
      : `2–${SOUND_NAME_MAX_LENGTH} lowercase letters, digits, _ or - (not at either end).`;
  const add = createAction(async () => {
    const clip = file();
    if (clip === undefined) return;
    const media = await uploadMedia(clip);
    await waitFor(() => data.media(media.id) !== undefined);
    await act((r) => r.createSound({ mediaId: media.id, name: name() }));
    setName('');
    setFile(undefined);
  });
  const remove = createAction((sound: Sound) => act((r) => r.deleteSound({ soundId: sound.id })));
  return (
    <SettingsSection id="sounds" title="Your sounds">
      <p class="muted small">
        Friends play your sounds by writing &amp;{data.me()?.username ?? 'you'}.name in a post or a
        comment. Clips are cut to 15 seconds.
      </p>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void add.run();
        }}
      >
        <TextField
          label="Sound name"
          autocapitalize="none"
          spellcheck={false}
          maxLength={SOUND_NAME_MAX_LENGTH}
          value={name()}
          error={nameProblem()}
          onInput={(event) => setName(event.currentTarget.value.toLowerCase())}
        />
        <div class="field">
          <label for="sound-file">Clip (MP3, Ogg, WAV or M4A)</label>
          <input
            id="sound-file"
            type="file"
            accept={AUDIO_TYPES.join(',')}
            onChange={(event) => setFile(event.currentTarget.files?.[0])}
          />
        </div>
        <FormError message={add.error()} />
        <button
          type="submit"
          class="button"
          disabled={
            add.busy() || file() === undefined || name() === '' || nameProblem() !== undefined
          }
        >
          {add.busy() ? 'Uploading…' : 'Add sound'}
        </button>
      </form>
      <Show when={mine().length > 0}>
        <ul class="admin-list">
          <For each={mine()}>
            {(sound) => (
              <li class="admin-item row">
                <span>
                  <strong>
                    &amp;{data.me()?.username}.{sound.name}
                  </strong>{' '}
                  <span class="muted small">
                    {STATUS_WORDS[sound.status] ?? sound.status}
                    {sound.reviewNote ? `: ${sound.reviewNote}` : ''}
                  </span>
                </span>
                <Show when={data.media(sound.mediaId)}>
                  {(media) => (
                    <audio controls preload="none" src={media().url}>
                      <track kind="captions" />
                    </audio>
                  )}
                </Show>
                <button
                  type="button"
                  class="button ghost small"
                  disabled={remove.busy()}
                  onClick={() => void remove.run(sound)}
                >
                  Delete
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <FormError message={remove.error()} />
    </SettingsSection>
  );
}

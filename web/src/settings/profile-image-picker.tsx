// Uploads a new picture or banner and sets it once the module has it.
import { createSignal, createUniqueId, Show } from 'solid-js';
import { uploadMedia } from '../api-client/media-api';
import { ACCEPTED_IMAGE_TYPES } from '../feed/attachments';
import { useLive } from '../live/live-context';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';
import { waitFor } from '../ui/wait-for';

export function ProfileImagePicker(props: {
  readonly slot: 'avatar' | 'banner';
  readonly label: string;
}) {
  const { data, act } = useLive();
  const id = createUniqueId();
  const [progress, setProgress] = createSignal<number | undefined>(undefined);
  const current = () =>
    props.slot === 'avatar' ? data.me()?.avatarMediaId : data.me()?.bannerMediaId;
  const change = createAction(async (file: File) => {
    setProgress(0);
    try {
      const media = await uploadMedia(file, { onProgress: setProgress });
      await waitFor(() => data.media(media.id) !== undefined);
      await act((r) => r.setProfileMedia({ slot: props.slot, mediaId: media.id }));
    } finally {
      setProgress(undefined);
    }
  });
  let input: HTMLInputElement | undefined;
  const clear = createAction(() =>
    act((r) => r.setProfileMedia({ slot: props.slot, mediaId: '' })),
  );
  return (
    <div class="image-picker">
      <input
        ref={input}
        id={id}
        tabindex="-1"
        class="visually-hidden"
        aria-label={props.label}
        type="file"
        accept={ACCEPTED_IMAGE_TYPES.join(',')}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file !== undefined) void change.run(file);
        }}
      />
      <button type="button" class="button" disabled={change.busy()} onClick={() => input?.click()}>
        {change.busy() ? 'Uploading…' : props.label}
      </button>
      <Show when={current() !== undefined}>
        <button
          type="button"
          class="button ghost"
          disabled={clear.busy()}
          onClick={() => void clear.run()}
        >
          Remove
        </button>
      </Show>
      <Show when={progress() !== undefined}>
        <progress max="1" value={progress()} aria-label={`Uploading ${props.slot}`} />
      </Show>
      <FormError message={change.error() ?? clear.error()} />
    </div>
  );
}

// Who may see a post: every member, or the author's friends only.
import { createUniqueId } from 'solid-js';

export type Visibility = 'friends' | 'public';

export const VISIBILITY_LABELS: Readonly<Record<Visibility, string>> = {
  friends: 'Friends only',
  public: 'Everyone on Kith',
};

export function VisibilityPicker(props: {
  readonly value: Visibility;
  readonly onChange: (value: Visibility) => void;
}) {
  const id = createUniqueId();
  return (
    <span class="visibility-picker">
      <label class="visually-hidden" for={id}>
        Who can see this post
      </label>
      <select
        id={id}
        name="visibility"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value as Visibility)}
      >
        <option value="friends">{VISIBILITY_LABELS.friends}</option>
        <option value="public">{VISIBILITY_LABELS.public}</option>
      </select>
    </span>
  );
}

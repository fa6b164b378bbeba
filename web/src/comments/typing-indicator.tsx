// "Ana is typing…" under a post's comments, for friends writing one now.
import { createMemo, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import { displayNameOf } from '../profiles/display-name';

export function TypingIndicator(props: { readonly postId: bigint }) {
  const { data } = useLive();
  const names = createMemo(() =>
    data
      .typingOn(props.postId)
      .filter((row) => row.identity.toHexString() !== data.myHex())
      .map((row) => displayNameOf(data.account(row.identity.toHexString()))),
  );
  const sentence = () => {
    const list = names();
    if (list.length === 0) return '';
    if (list.length === 1) return `${list[0]} is typing…`;
    if (list.length === 2) return `${list[0]} and ${list[1]} are typing…`;
    return `${list[0]} and ${list.length - 1} others are typing…`;
  };
  return (
    <p class="typing muted small" aria-live="polite">
      <Show when={sentence()}>{sentence()}</Show>
    </p>
  );
}

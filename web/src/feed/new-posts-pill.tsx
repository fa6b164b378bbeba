// "3 new posts": friends posted while the person was reading; choosing it
// shows them at the top instead of the page jumping on its own.
import { Show } from 'solid-js';
import { pendingLabel } from './feed-window';

export function NewPostsPill(props: { readonly count: number; readonly onShow: () => void }) {
  return (
    <div class="new-posts" aria-live="polite">
      <Show when={props.count > 0}>
        <button
          type="button"
          class="pill"
          onClick={() => {
            props.onShow();
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
        >
          <span aria-hidden="true">↑ </span>
          Show {pendingLabel(props.count)}
        </button>
      </Show>
    </div>
  );
}

// The usernames a member renamed away from. They still lead to the member
// (old links, mentions, sounds) until someone else takes them; the member
// may let them go sooner, e.g. to leave a name behind for good.
import { createUniqueId, For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import { createAction } from '../ui/create-action';
import { FormError } from '../ui/form-error';

export function FormerUsernames() {
  const { data, act } = useLive();
  const mine = () => {
    const me = data.myHex();
    return data.tables.formerUsernames
      .filter((row) => row.identity.toHexString() === me)
      .map((row) => row.username)
      .sort();
  };
  const forget = createAction(() => act((r) => r.forgetFormerUsernames({})));
  const titleId = createUniqueId();
  return (
    <Show when={mine().length > 0}>
      <section class="stack" aria-labelledby={titleId}>
        <h3 id={titleId}>Old usernames</h3>
        <p class="muted">
          Links and mentions with{' '}
          <For each={mine()}>
            {(name, index) => (
              <>
                {index() > 0 ? ', ' : ''}
                <strong>@{name}</strong>
              </>
            )}
          </For>{' '}
          still lead to you, until someone else takes the name.
        </p>
        <div class="row">
          <button
            type="button"
            class="button"
            disabled={forget.busy()}
            onClick={() => void forget.run()}
          >
            {forget.busy() ? 'Letting go…' : 'Stop old names leading to me'}
          </button>
        </div>
        <FormError message={forget.error()} />
      </section>
    </Show>
  );
}

import { Show } from 'solid-js';

/** The page before anything can be shown, or why it cannot be. */
export function LoadingScreen(props: { readonly problem?: string }) {
  return (
    <main class="loading-screen" id="main">
      <p class="brand" aria-hidden="true">
        Kith
      </p>
      <Show when={props.problem} fallback={<p role="status">Loading…</p>}>
        <p class="form-error" role="alert">
          {props.problem}
        </p>
        <button class="button" type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </Show>
    </main>
  );
}

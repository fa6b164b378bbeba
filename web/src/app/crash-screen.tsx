// What a person sees if the app itself fails (a bug, or a browser that
// refuses something the app needs): what happened, and a way back.
export function CrashScreen(props: { readonly error: unknown }) {
  const detail = () => (props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <main class="loading-screen" id="main">
      <p class="brand" aria-hidden="true">
        Kith
      </p>
      <h1>Something went wrong</h1>
      <p class="muted">Kith hit a problem it could not recover from. Reloading usually helps.</p>
      <p class="muted small">Details: {detail()}</p>
      <button class="button primary" type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </main>
  );
}

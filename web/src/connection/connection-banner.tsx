// Says honestly whether what the person sees is live: a quiet dot while it
// is, a banner while connecting or reconnecting.
import { Match, Switch } from 'solid-js';
import { useLive } from '../live/live-context';

export function ConnectionBanner() {
  const { phase } = useLive();
  return (
    <div class="connection" role="status" aria-live="polite" data-phase={phase()}>
      <Switch>
        <Match when={phase() === 'live'}>
          <span class="connection-dot" aria-hidden="true" />
          <span class="visually-hidden">Live</span>
        </Match>
        <Match when={phase() === 'connecting'}>
          <span class="connection-banner">Connecting…</span>
        </Match>
        <Match when={phase() === 'reconnecting'}>
          <span class="connection-banner warn">
            Connection lost. Reconnecting… What you see may be out of date.
          </span>
        </Match>
      </Switch>
    </div>
  );
}

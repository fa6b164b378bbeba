// Says honestly whether what the person sees is live: a quiet dot while it
// is, a banner while connecting or reconnecting, and which part of Kith could
// not be loaded (and why, with a retry) when the server refused a view, or
// that only a reload helps once the connection is closed for good.
import { Match, Switch } from 'solid-js';
import { useLive } from '../live/live-context';
import { describeFailures } from './subscription-failure';

export function ConnectionBanner() {
  const { phase, subscriptionFailures, retrySubscriptions } = useLive();
  const failure = () => describeFailures(subscriptionFailures());
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
        <Match when={phase() === 'closed'}>
          <span class="connection-banner warn">
            Kith’s server closed the connection, probably for an update. Reload the page to carry
            on.{' '}
            <button type="button" class="button small" onClick={() => window.location.reload()}>
              Reload
            </button>
          </span>
        </Match>
        <Match when={phase() === 'failed'}>
          <span class="connection-banner warn">
            Couldn’t load {failure().what}: {failure().why}{' '}
            <button type="button" class="button small" onClick={() => retrySubscriptions()}>
              Retry
            </button>
          </span>
        </Match>
      </Switch>
    </div>
  );
}

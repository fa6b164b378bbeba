// Everything behind the login: waits for the session, sends the signed-out to
// the login page (and back here afterwards), and holds the live connection
// for as long as the session lasts.
import { Navigate, type RouteSectionProps, useLocation } from '@solidjs/router';
import { createResource, type JSX, Match, onCleanup, Show, Switch } from 'solid-js';
import { fetchClientConfig } from '../api-client/client-config-api';
import { fetchIdToken } from '../api-client/id-token-api';
import { session } from '../auth/session-store';
import { IdTokenSource } from '../connection/id-token-source';
import { LiveConnection } from '../connection/live-connection';
import { SessionWatch } from '../connection/session-watch';
import { LiveProvider } from '../live/live-provider';
import { LiveTextResolver } from '../rich-text/live-text-resolver';
import { errorMessage } from '../ui/error-message';
import { AppLayout } from './app-layout';
import { LoadingScreen } from './loading-screen';

export function SignedInArea(props: RouteSectionProps) {
  const location = useLocation();
  const loginHref = () => `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <Switch>
      <Match when={session() === undefined}>
        <LoadingScreen />
      </Match>
      <Match when={session() === null}>
        <Navigate href={loginHref()} />
      </Match>
      <Match when={session()}>
        <SignedInApp>{props.children}</SignedInApp>
      </Match>
    </Switch>
  );
}

function SignedInApp(props: { readonly children: JSX.Element }) {
  const [config] = createResource(fetchClientConfig);
  const tokens = new IdTokenSource({ fetchToken: fetchIdToken });
  onCleanup(() => tokens.stop());
  return (
    <Show
      when={config()}
      fallback={
        <Show when={config.error} fallback={<LoadingScreen />}>
          <LoadingScreen problem={errorMessage(config.error)} />
        </Show>
      }
    >
      {(loaded) => (
        <LiveConnection config={loaded()} tokens={tokens}>
          <LiveProvider>
            <SessionWatch />
            <LiveTextResolver>
              <AppLayout>{props.children}</AppLayout>
            </LiveTextResolver>
          </LiveProvider>
        </LiveConnection>
      )}
    </Show>
  );
}

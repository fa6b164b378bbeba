// The frame of every signed-in screen: a skip link, the header with the
// connection's state, the navigation (a side column on wide screens, a tab
// bar at the bottom on phones) and the screen itself.
import { A, useLocation } from '@solidjs/router';
import { createEffect, type JSX, on } from 'solid-js';
import { ConnectionBanner } from '../connection/connection-banner';
import { useIdleReporter } from '../connection/idle-reporter';
import { Toaster } from '../ui/toaster';
import { MainNav } from './main-nav';

export function AppLayout(props: { readonly children: JSX.Element }) {
  useIdleReporter();
  const location = useLocation();
  let main: HTMLElement | undefined;
  // After moving to another screen, keyboard and screen reader users start at its content.
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus({ preventScroll: true }),
      { defer: true },
    ),
  );
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <A class="brand" href="/" aria-label="Kith home">
          Kith
        </A>
        <ConnectionBanner />
      </header>
      <MainNav />
      <main class="app-main" id="main" tabindex="-1" ref={main}>
        {props.children}
      </main>
      <Toaster />
    </div>
  );
}

// The frame of every signed-in screen: a skip link, the header with the
// connection's state, the navigation (a side column on wide screens, a tab
// bar at the bottom on phones) and the screen itself.
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { ConnectionBanner } from '../connection/connection-banner';
import { useIdleReporter } from '../connection/idle-reporter';
import { Toaster } from '../ui/toaster';
import { MainNav } from './main-nav';

export function AppLayout(props: { readonly children: JSX.Element }) {
  useIdleReporter();
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
      <main class="app-main" id="main" tabindex="-1">
        {props.children}
      </main>
      <Toaster />
    </div>
  );
}

// The frame of the signed-out screens: the name, a heading, the form.
import type { JSX } from 'solid-js';

export function AuthCard(props: { readonly title: string; readonly children: JSX.Element }) {
  return (
    <main class="auth-screen" id="main">
      <div class="auth-card">
        <p class="brand auth-brand" aria-hidden="true">
          Kith
        </p>
        <h1>{props.title}</h1>
        {props.children}
      </div>
    </main>
  );
}

// What a screen says when it has nothing yet, and what to do about it.
import type { JSX } from 'solid-js';

export function EmptyState(props: { readonly title: string; readonly children?: JSX.Element }) {
  return (
    <section class="empty-state">
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

import type { JSX } from 'solid-js';

/** One section of the settings page, reachable as #id. */
export function SettingsSection(props: {
  readonly id: string;
  readonly title: string;
  readonly children: JSX.Element;
}) {
  return (
    <section class="card settings-section" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

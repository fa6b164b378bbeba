// A round picture of a person, or their initial on a colour of their own when
// they have no picture yet.
import { Show } from 'solid-js';

export interface AvatarProps {
  readonly name: string;
  readonly seed: string;
  readonly imageUrl?: string | undefined;
  readonly size?: 'small' | 'medium' | 'large';
  /** Empty when the name is written beside the picture (decorative). */
  readonly alt?: string;
}

/** Hues that keep white text at AA contrast on the avatar's background. */
const HUES = [210, 250, 280, 320, 350, 20, 160, 190];

export function avatarHue(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return HUES[hash % HUES.length] ?? 210;
}

export function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}

export function Avatar(props: AvatarProps) {
  const picture = () => (
    <Show when={props.imageUrl}>
      {(url) => <img src={url()} alt="" loading="lazy" decoding="async" />}
    </Show>
  );
  const className = () => `avatar avatar-${props.size ?? 'medium'}`;
  const style = () => ({ '--avatar-hue': String(avatarHue(props.seed)) });
  // The initial is drawn by CSS (components.css), not written as text: it is
  // part of a picture. As text it would join the visible label of whatever
  // holds the avatar ("A Profile" for a link named "Profile", WCAG 2.5.3) and
  // the text a page search or a copy picks up.
  const initial = () => (props.imageUrl ? undefined : initialOf(props.name));
  return (
    <Show
      when={props.alt}
      fallback={
        <span class={className()} style={style()} data-initial={initial()} aria-hidden="true">
          {picture()}
        </span>
      }
    >
      {(alt) => (
        <span
          class={className()}
          style={style()}
          data-initial={initial()}
          role="img"
          aria-label={alt()}
        >
          {picture()}
        </span>
      )}
    </Show>
  );
}

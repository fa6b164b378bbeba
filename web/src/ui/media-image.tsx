// An uploaded image: its box has the image's proportions from the start (so
// nothing jumps when it arrives), shows the BlurHash until the bytes load,
// and loads lazily.
import { createSignal } from 'solid-js';
import { blurhashUrl } from './blurhash-url';

export interface MediaImageProps {
  readonly width: number;
  readonly height: number;
  readonly placeholder: string;
  readonly src: string;
  readonly alt: string;
  readonly class?: string;
  /** Eager for what is on screen at once (the first post); lazy otherwise. */
  readonly eager?: boolean;
  /** `fill`: the container sets the shape (a grid cell, a banner); the image is cropped to it. */
  readonly fit?: 'natural' | 'fill';
}

export function MediaImage(props: MediaImageProps) {
  const [loaded, setLoaded] = createSignal(false);
  const backdrop = () => {
    const url = blurhashUrl(props.placeholder);
    return url === undefined ? undefined : `url("${url}")`;
  };
  return (
    <span
      class={`media-image ${props.class ?? ''}`}
      classList={{ loaded: loaded() }}
      style={{
        'aspect-ratio':
          props.fit === 'fill'
            ? undefined
            : `${Math.max(1, props.width)} / ${Math.max(1, props.height)}`,
        'background-image': backdrop(),
      }}
    >
      <img
        src={props.src}
        alt={props.alt}
        width={props.width}
        height={props.height}
        loading={props.eager ? 'eager' : 'lazy'}
        decoding="async"
        onLoad={() => setLoaded(true)}
      />
    </span>
  );
}

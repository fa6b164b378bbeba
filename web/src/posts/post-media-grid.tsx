// A post's images: one large, or a grid of thumbnails, each opening the full
// image. An image the module has not delivered yet keeps its place.
import { For, Show } from 'solid-js';
import { useLive } from '../live/live-context';
import { MediaImage } from '../ui/media-image';

export function PostMediaGrid(props: {
  readonly mediaIds: readonly string[];
  readonly authorName: string;
  readonly eager?: boolean;
}) {
  const { data } = useLive();
  return (
    <Show when={props.mediaIds.length > 0}>
      <ul class="post-media" data-count={Math.min(props.mediaIds.length, 4)}>
        <For each={props.mediaIds}>
          {(mediaId, index) => (
            <li>
              <Show
                when={data.media(mediaId)}
                fallback={
                  <span class="media-image missing">
                    <span class="visually-hidden">Image loading</span>
                  </span>
                }
              >
                {(media) => (
                  <a href={media().url} target="_blank" rel="noopener" class="media-link">
                    <MediaImage
                      width={media().width}
                      height={media().height}
                      placeholder={media().placeholder}
                      src={
                        props.mediaIds.length === 1
                          ? media().url
                          : media().thumbnailUrl || media().url
                      }
                      alt={`Photo ${index() + 1} of ${props.mediaIds.length} by ${props.authorName}`}
                      eager={props.eager}
                      fit={props.mediaIds.length === 1 ? 'natural' : 'fill'}
                    />
                  </a>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

// A long list shown a page at a time: the next page appears as the end of the
// list scrolls into view, or with the button that keyboard and screen reader
// users reach there.
import { createSignal, For, type JSX, onCleanup, Show } from 'solid-js';

export interface InfiniteListProps<T> {
  readonly items: readonly T[];
  readonly pageSize?: number;
  readonly label: string;
  readonly children: (item: T, index: () => number) => JSX.Element;
}

export function InfiniteList<T>(props: InfiniteListProps<T>) {
  const pageSize = () => props.pageSize ?? 15;
  const [limit, setLimit] = createSignal(pageSize());
  const visible = () => props.items.slice(0, limit());
  const more = () => props.items.length > limit();
  const showMore = () => setLimit(limit() + pageSize());
  let observer: IntersectionObserver | undefined;
  onCleanup(() => observer?.disconnect());
  const watch = (sentinel: HTMLElement) => {
    observer?.disconnect();
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && more()) showMore();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(sentinel);
  };
  return (
    <>
      <ol class="post-list" aria-label={props.label}>
        <For each={visible()}>{(item, index) => <li>{props.children(item, index)}</li>}</For>
      </ol>
      <Show when={more()}>
        <div class="list-more" ref={watch}>
          <button type="button" class="button ghost" onClick={showMore}>
            Show older posts
          </button>
        </div>
      </Show>
    </>
  );
}

// The images being attached to a post: each is previewed from the file at
// once, uploaded with progress, and ready when the module has registered it
// (the API registers uploads through its outbox, a moment after answering).
import { createStore, produce } from 'solid-js/store';
import { deleteMedia, uploadMedia } from '../api-client/media-api';
import { errorMessage } from '../ui/error-message';

export type AttachmentPhase = 'uploading' | 'processing' | 'ready' | 'failed';

export interface Attachment {
  readonly key: number;
  readonly name: string;
  readonly previewUrl: string;
  /** Share of the file sent, 0 to 1. */
  readonly progress: number;
  readonly mediaId: string | undefined;
  readonly error: string | undefined;
  readonly width: number;
  readonly height: number;
}

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export interface Attachments {
  readonly items: readonly Attachment[];
  phaseOf(item: Attachment): AttachmentPhase;
  add(files: readonly File[]): void;
  remove(key: number): void;
  /** Forgets every attachment (after posting): their uploads now belong to the post. */
  clear(): void;
  /** Removes every attachment and deletes its upload (the post was abandoned). */
  discard(): void;
  readonly mediaIds: () => string[];
  readonly allReady: () => boolean;
  readonly busy: () => boolean;
}

export function createAttachments(isRegistered: (mediaId: string) => boolean): Attachments {
  const [items, setItems] = createStore<Attachment[]>([]);
  const uploads = new Map<number, AbortController>();
  let nextKey = 1;

  const update = (key: number, change: Partial<Attachment>) =>
    setItems((item) => item.key === key, change);

  const phaseOf = (item: Attachment): AttachmentPhase => {
    if (item.error !== undefined) return 'failed';
    if (item.mediaId === undefined) return 'uploading';
    return isRegistered(item.mediaId) ? 'ready' : 'processing';
  };

  const start = (key: number, file: File) => {
    const abort = new AbortController();
    uploads.set(key, abort);
    uploadMedia(file, {
      signal: abort.signal,
      onProgress: (sent) => update(key, { progress: sent }),
    })
      .then(
        (media) => {
          if (media.kind !== 'image') {
            update(key, { error: 'Only images can be attached to a post.' });
            deleteMedia(media.id).catch(() => undefined);
            return;
          }
          update(key, { mediaId: media.id, progress: 1, width: media.width, height: media.height });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          update(key, { error: errorMessage(error) });
        },
      )
      .finally(() => uploads.delete(key));
  };

  const forget = (item: Attachment, deleteUpload: boolean) => {
    uploads.get(item.key)?.abort();
    URL.revokeObjectURL(item.previewUrl);
    if (deleteUpload && item.mediaId !== undefined) {
      // Frees the person's quota; an upload that stays is harmless.
      deleteMedia(item.mediaId).catch(() => undefined);
    }
  };

  return {
    items,
    phaseOf,
    add(files) {
      const added: Attachment[] = files.map((file) => ({
        key: nextKey++,
        name: file.name,
        previewUrl: URL.createObjectURL(file),
        progress: 0,
        mediaId: undefined,
        error: ACCEPTED_IMAGE_TYPES.includes(file.type)
          ? undefined
          : `${file.name} is not a JPEG, PNG, WebP or GIF image.`,
        width: 0,
        height: 0,
      }));
      setItems(produce((list) => list.push(...added)));
      added.forEach((item, i) => {
        const file = files[i];
        if (item.error === undefined && file !== undefined) start(item.key, file);
      });
    },
    remove(key) {
      const item = items.find((candidate) => candidate.key === key);
      if (item === undefined) return;
      forget(item, true);
      setItems((list) => list.filter((candidate) => candidate.key !== key));
    },
    clear() {
      for (const item of items) forget(item, false);
      setItems([]);
    },
    discard() {
      for (const item of items) forget(item, true);
      setItems([]);
    },
    mediaIds: () => items.flatMap((item) => (item.mediaId === undefined ? [] : [item.mediaId])),
    allReady: () => items.every((item) => phaseOf(item) === 'ready'),
    busy: () => items.some((item) => ['uploading', 'processing'].includes(phaseOf(item))),
  };
}

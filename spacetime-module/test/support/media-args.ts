// register_media arguments in the contract's order, for an image or a clip.
import { randomUUID } from 'node:crypto';

export interface MediaArgs {
  readonly mediaId: string;
  readonly ownerUserId: string;
  readonly kind: string;
  readonly contentType: string;
  readonly byteSize: number;
  readonly width: number;
  readonly height: number;
  readonly durationMs: number;
  readonly placeholder: string;
  readonly url: string;
  readonly thumbnailUrl: string;
}

export function imageArgs(ownerUserId: string, extra: Partial<MediaArgs> = {}): MediaArgs {
  const mediaId = extra.mediaId ?? randomUUID();
  return {
    mediaId,
    ownerUserId,
    kind: 'image',
    contentType: 'image/webp',
    byteSize: 12_345,
    width: 800,
    height: 600,
    durationMs: 0,
    placeholder: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
    url: `http://127.0.0.1:8080/media/${mediaId}/full.webp`,
    thumbnailUrl: `http://127.0.0.1:8080/media/${mediaId}/thumb.webp`,
    ...extra,
  };
}

export function audioArgs(ownerUserId: string, extra: Partial<MediaArgs> = {}): MediaArgs {
  const mediaId = extra.mediaId ?? randomUUID();
  return {
    mediaId,
    ownerUserId,
    kind: 'audio',
    contentType: 'audio/ogg',
    byteSize: 40_000,
    width: 0,
    height: 0,
    durationMs: 2_500,
    placeholder: '',
    url: `http://127.0.0.1:8080/media/${mediaId}/clip.ogg`,
    thumbnailUrl: '',
    ...extra,
  };
}

/** The values in the order register_media takes them. */
export function registerArgs(media: MediaArgs): unknown[] {
  return [
    media.mediaId,
    media.ownerUserId,
    media.kind,
    media.contentType,
    media.byteSize,
    media.width,
    media.height,
    media.durationMs,
    media.placeholder,
    media.url,
    media.thumbnailUrl,
  ];
}

/** Registers `media` as the API would, with the service token. */
export async function registerMedia(
  server: {
    call(
      token: string,
      reducer: string,
      args: readonly unknown[],
    ): Promise<{ ok: boolean; text: string }>;
    issuer: { serviceToken(): Promise<string> };
  },
  media: MediaArgs,
): Promise<string> {
  const result = await server.call(
    await server.issuer.serviceToken(),
    'register_media',
    registerArgs(media),
  );
  if (!result.ok) throw new Error(`register_media failed: ${result.text}`);
  return media.mediaId;
}

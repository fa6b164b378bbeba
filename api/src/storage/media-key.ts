/**
 * A storage key: `<uuid>/<name>.<ext>` in lowercase, e.g.
 * `2f1c…-…/image.jpg`. Nothing else is ever stored or served, so a key can
 * name no other folder and needs no escaping in a URL or a file path.
 */
const MEDIA_KEY =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[a-z0-9]+\.[a-z0-9]+$/;

export function isMediaKey(key: string): boolean {
  return MEDIA_KEY.test(key);
}

export function assertMediaKey(key: string): void {
  if (!isMediaKey(key)) throw new RangeError(`Not a media key: ${JSON.stringify(key)}`);
}

/** The key of one of a media item's files (`image`, `thumbnail`, `audio`). */
export function mediaKey(mediaId: string, name: string, extension: string): string {
  const key = `${mediaId}/${name}.${extension}`;
  assertMediaKey(key);
  return key;
}

/** The extension a key ends with, which decides the Content-Type it is served with. */
export function extensionOf(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

// The service reducers the API calls on the SpacetimeDB module, with their
// arguments in wire order (see the API ↔ module contract). Names are the
// snake_case names used on the wire.

export interface ModuleReducerArgs {
  register_media: readonly [
    mediaId: string,
    ownerUserId: string,
    kind: 'image' | 'audio',
    contentType: string,
    byteSize: number,
    width: number,
    height: number,
    durationMs: number,
    placeholder: string,
    url: string,
    thumbnailUrl: string,
  ];
  remove_media: readonly [mediaId: string];
  delete_user: readonly [userId: string];
  /** Not in the written contract yet; the module has it (spacetime-module/src/reducers/users.ts). */
  rename_user: readonly [userId: string, username: string];
}

export type ModuleReducer = keyof ModuleReducerArgs;

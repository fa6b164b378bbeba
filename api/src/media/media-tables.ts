// The tables media adds (migration 0010-media), in the shape
// `npm run db:types -w api` renders, so they combine with the generated Database.
import type { ColumnType, Generated } from 'kysely';
import type { Database } from '../db/database-schema.js';

type Json =
  Database['moduleOutbox']['args'] extends ColumnType<infer S, infer _I, infer _U> ? S : never;

export interface MediaTable {
  id: string;
  ownerUserId: string;
  kind: string;
  contentType: string;
  byteSize: number;
  storedBytes: number;
  width: number;
  height: number;
  durationMs: number;
  placeholder: string;
  storageKey: string;
  thumbnailKey: string | null;
  createdAt: Generated<Date>;
}

export interface MediaUsageTable {
  userId: string;
  usedBytes: number;
}

export interface ModuleCallFailuresTable {
  id: number;
  reducer: string;
  args: ColumnType<Json, string, string>;
  createdAt: Date;
  attempts: number;
  error: string;
  failedAt: Generated<Date>;
}

/** The API's database with the media tables, until database-schema.ts is regenerated with them. */
export type MediaDatabase = Database & {
  media: MediaTable;
  mediaUsage: MediaUsageTable;
  moduleCallFailures: ModuleCallFailuresTable;
};

// The notice-board fixtures (fixtures/notice-board-v1..v3), published on a
// test host, and the official SDK connected to them through bindings that
// spacetime-local's generator writes for version 2, as the app of a
// developer who regenerated them after editing the module would use them.
// (Version 2's bindings are a superset of version 1's.)
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as spacetimedb from 'spacetimedb';
import { WebSocket as UndiciWebSocket } from 'undici';
import { describeModuleBundle, generateTypeScriptBindings } from '../../../src/codegen/index.js';
import { bundleModule } from '../../../src/runtime/bundle-module.js';
import { createClientProject } from '../../codegen/support/client-project.js';
import { OWNER, type RealtimeTestServer } from './realtime-test-server.js';

// Node 20 has no global WebSocket; the SDK would load undici through a dynamic
// import the test runner cannot follow. And only the SDK's errors, not its info lines.
const globals = globalThis as { WebSocket?: unknown };
globals.WebSocket ??= UndiciWebSocket;
(spacetimedb as unknown as { setGlobalLogLevel(level: string): void }).setGlobalLogLevel('error');

export const BOARD = 'board';
export type BoardVersion = 'v1' | 'v2' | 'v3';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const bundles = new Map<BoardVersion, Promise<string>>();

/** A version of the module, bundled once per test file. */
export function boardBundle(version: BoardVersion): Promise<string> {
  let bundle = bundles.get(version);
  if (bundle === undefined) {
    bundle = bundleModule(path.join(FIXTURES, `notice-board-${version}`));
    bundles.set(version, bundle);
  }
  return bundle;
}

/** Publishes `version` as the `board` database (creating it, or updating it in place). */
export async function publishBoard(server: RealtimeTestServer, version: BoardVersion) {
  return server.host.publish({
    program: await boardBundle(version),
    name: BOARD,
    publisher: OWNER,
    clear: false,
  });
}

/** A notice as the bindings give it to the app. */
export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly author: { toHexString(): string };
}

interface SdkTable<Row> {
  iter(): Iterable<Row>;
}

/** The parts of the generated DbConnection the tests use (the bindings are untyped here). */
export interface BoardConnection {
  readonly db: {
    readonly notice: SdkTable<Notice>;
    readonly shortNotices: SdkTable<Notice>;
    readonly myNotices: SdkTable<Notice>;
  };
  readonly reducers: {
    post(args: { text: string }): Promise<void>;
    announce(args: { text: string }): Promise<void>;
  };
  readonly isActive: boolean;
  readonly connectionId: { toHexString(): string };
  subscriptionBuilder(): {
    onApplied(callback: () => void): ReturnType<BoardConnection['subscriptionBuilder']>;
    onError(
      callback: (ctx: unknown, error: unknown) => void,
    ): ReturnType<BoardConnection['subscriptionBuilder']>;
    subscribe(queries: string[]): unknown;
  };
  disconnect(): void;
}

export interface BoardClient {
  readonly conn: BoardConnection;
  readonly identityHex: string;
  /** Resolves when the session ends, however it ends. */
  readonly disconnected: Promise<void>;
  /** The notice texts in the client's cache of `table`, sorted. */
  texts(table: keyof BoardConnection['db']): string[];
}

interface Builder {
  withUri(uri: string): Builder;
  withDatabaseName(name: string): Builder;
  onConnect(
    callback: (conn: BoardConnection, identity: { toHexString(): string }) => void,
  ): Builder;
  onConnectError(callback: (ctx: unknown, error: unknown) => void): Builder;
  onDisconnect(callback: () => void): Builder;
  build(): unknown;
}

export interface BoardBindings {
  connect(url: string): Promise<BoardClient>;
}

/** Generates version 2's bindings into a client project in `dir` and loads them. */
export async function loadBoardBindings(dir: string): Promise<BoardBindings> {
  const bindings = generateTypeScriptBindings(describeModuleBundle(await boardBundle('v2')));
  await createClientProject(dir, bindings, []);
  const generated = await import(
    pathToFileURL(path.join(dir, 'src/module_bindings/index.ts')).href
  );
  const builder = () => generated.DbConnection.builder() as Builder;
  return { connect: (url) => connectBoard(builder(), url) };
}

function connectBoard(builder: Builder, url: string): Promise<BoardClient> {
  return new Promise((resolve, reject) => {
    let connected = false;
    let ended!: () => void;
    const disconnected = new Promise<void>((r) => {
      ended = r;
    });
    builder
      .withUri(url)
      .withDatabaseName(BOARD)
      .onConnect((conn, identity) => {
        connected = true;
        resolve({
          conn,
          identityHex: identity.toHexString(),
          disconnected,
          texts: (table) => [...conn.db[table].iter()].map((notice) => notice.text).sort(),
        });
      })
      .onConnectError((_ctx, error) =>
        reject(error instanceof Error ? error : new Error(String(error))),
      )
      .onDisconnect(() => {
        ended();
        if (!connected) reject(new Error('disconnected before connecting'));
      })
      .build();
  });
}

/** Subscribes to `queries`; resolves once applied, rejects with the SubscriptionError. */
export function subscribeBoard(client: BoardClient, queries: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    client.conn
      .subscriptionBuilder()
      .onApplied(() => resolve())
      .onError((_ctx, error) => reject(error instanceof Error ? error : new Error(String(error))))
      .subscribe(queries);
  });
}

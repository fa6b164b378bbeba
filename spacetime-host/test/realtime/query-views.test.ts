// A per-sender view that returns a query (the 2.x query builder), through the
// official SDK: the host runs the view once per sender to get its query, keeps
// the query's rows current from each commit's changes, and reruns the view
// only when what the view function read changes (here: the sender's blocks,
// which choose the query). The fixture logs each run of the view.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeModuleBundle, generateTypeScriptBindings } from '../../src/codegen/index.js';
import type { Database } from '../../src/database/database.js';
import { bundleModule } from '../../src/runtime/bundle-module.js';
import { SubscriptionEngine } from '../../src/subscription/subscription-engine.js';
import { createClientProject } from '../codegen/support/client-project.js';
import { eventually } from '../support/eventually.js';
import { useTempDirs } from '../support/temp-dirs.js';
// For its side effects too: the SDK gets a WebSocket and logs errors only.
import './support/sdk-client.js';
import {
  OWNER,
  type RealtimeTestServer,
  startRealtimeServer,
} from './support/realtime-test-server.js';

const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures/query-view-module',
);
const DB = 'notes';
const VIEW_RAN = 'visible_note ran';

interface Note {
  readonly id: number;
  readonly audience: string;
  readonly text: string;
}

/** The parts of the generated DbConnection the test uses (the bindings are untyped here). */
interface NotesConnection {
  readonly db: { readonly visibleNote: { iter(): Iterable<Note> } };
  readonly reducers: {
    addNote(args: { audience: string; text: string }): Promise<void>;
    editNote(args: { id: number; audience: string; text: string }): Promise<void>;
    deleteNote(args: { id: number }): Promise<void>;
    blockSomeone(args: Record<string, never>): Promise<void>;
    unblockEveryone(args: Record<string, never>): Promise<void>;
  };
  subscriptionBuilder(): {
    onApplied(callback: () => void): ReturnType<NotesConnection['subscriptionBuilder']>;
    onError(
      callback: (ctx: unknown, error: unknown) => void,
    ): ReturnType<NotesConnection['subscriptionBuilder']>;
    subscribe(queries: string[]): unknown;
  };
  disconnect(): void;
}

interface Builder {
  withUri(uri: string): Builder;
  withDatabaseName(name: string): Builder;
  onConnect(callback: (conn: NotesConnection) => void): Builder;
  onConnectError(callback: (ctx: unknown, error: unknown) => void): Builder;
  build(): unknown;
}

const tempDir = useTempDirs();
let bundle: string;
let newBuilder: () => Builder;
beforeAll(async () => {
  bundle = await bundleModule(FIXTURE);
  const dir = await tempDir();
  await createClientProject(dir, generateTypeScriptBindings(describeModuleBundle(bundle)), []);
  const generated = await import(
    /* @vite-ignore */ pathToFileURL(path.join(dir, 'src/module_bindings/index.ts')).href
  );
  newBuilder = () => generated.DbConnection.builder() as Builder;
});

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function notesServer(): Promise<RealtimeTestServer & { notes: Database }> {
  const server = await startRealtimeServer(await tempDir());
  open.push(server);
  await server.host.publish({ program: bundle, name: DB, publisher: OWNER, clear: false });
  return { ...server, notes: server.host.find(DB) as Database };
}

/** A connected member subscribed to `visible_note`. */
async function member(server: RealtimeTestServer): Promise<NotesConnection> {
  const conn = await new Promise<NotesConnection>((resolve, reject) => {
    newBuilder()
      .withUri(server.url)
      .withDatabaseName(DB)
      .onConnect(resolve)
      .onConnectError((_ctx, error) => reject(error))
      .build();
  });
  open.push({ close: async () => conn.disconnect() });
  await new Promise<void>((resolve, reject) => {
    conn
      .subscriptionBuilder()
      .onApplied(() => resolve())
      .onError((_ctx, error) => reject(error))
      .subscribe(['SELECT * FROM visible_note']);
  });
  return conn;
}

/** The member's cached view rows as "text/audience", sorted. */
const cached = (conn: NotesConnection) =>
  [...conn.db.visibleNote.iter()].map((n) => `${n.text}/${n.audience}`).sort();

const viewRuns = (db: Database) => db.logs().filter((r) => r.message === VIEW_RAN).length;

/** The engine serving the notes database (the chat database has its own). */
function notesEngine(server: RealtimeTestServer): SubscriptionEngine {
  const engines = server.engines.filter(
    (e): e is SubscriptionEngine => e instanceof SubscriptionEngine && e.activeViews > 0,
  );
  expect(engines).toHaveLength(1);
  return engines[0]!;
}

describe('a view returning a query', () => {
  it('delivers each sender its query’s changes without running the view again', async () => {
    const server = await notesServer();
    const { notes } = server;
    const alice = await member(server);
    const bob = await member(server);
    const carol = await member(server);
    // Bob blocks someone: his view answers with his own notes instead of the public ones.
    await bob.reducers.blockSomeone({});
    await alice.reducers.addNote({ audience: 'public', text: 'a1' });
    await bob.reducers.addNote({ audience: 'friends', text: 'b1' });
    await bob.reducers.addNote({ audience: 'public', text: 'b2' });
    await eventually(() => {
      expect(cached(alice)).toEqual(['a1/public', 'b2/public']);
      expect(cached(carol)).toEqual(['a1/public', 'b2/public']);
      expect(cached(bob)).toEqual(['b1/friends', 'b2/public']);
    });
    // Once per sender to subscribe, and Bob's again for his block.
    const runs = viewRuns(notes);
    expect(runs).toBe(4);
    const recomputed = notesEngine(server).stats.viewsRecomputed;

    // An update leaving the query's rows, one changing a row inside them, and a delete.
    const ids = new Map([...alice.db.visibleNote.iter()].map((n) => [n.text, n.id]));
    await alice.reducers.editNote({ id: ids.get('a1')!, audience: 'friends', text: 'a1' });
    await bob.reducers.editNote({ id: ids.get('b2')!, audience: 'public', text: 'b2 edited' });
    await alice.reducers.addNote({ audience: 'public', text: 'a2' });
    await alice.reducers.addNote({ audience: 'public', text: 'a3' });
    const a3 = await eventually(() => {
      const row = [...carol.db.visibleNote.iter()].find((n) => n.text === 'a3');
      expect(row).toBeDefined();
      return row!;
    });
    await alice.reducers.deleteNote({ id: a3.id });
    await eventually(() => {
      expect(cached(alice)).toEqual(['a2/public', 'b2 edited/public']);
      expect(cached(carol)).toEqual(['a2/public', 'b2 edited/public']);
      expect(cached(bob)).toEqual(['b1/friends', 'b2 edited/public']);
    });
    expect(viewRuns(notes)).toBe(runs);
    expect(notesEngine(server).stats.viewsRecomputed).toBe(recomputed);
  });

  it('reruns the view when what it read changes, and sends the new query’s difference', async () => {
    const server = await notesServer();
    const { notes } = server;
    const alice = await member(server);
    const carol = await member(server);
    await carol.reducers.addNote({ audience: 'public', text: 'c1' });
    await alice.reducers.addNote({ audience: 'friends', text: 'a1' });
    await alice.reducers.addNote({ audience: 'public', text: 'a2' });
    await eventually(() => expect(cached(alice)).toEqual(['a2/public', 'c1/public']));
    const runs = viewRuns(notes);

    // Alice's block is a key only her view read: her view reruns, Carol's does not.
    await alice.reducers.blockSomeone({});
    await eventually(() => expect(cached(alice)).toEqual(['a1/friends', 'a2/public']));
    expect(viewRuns(notes)).toBe(runs + 1);
    expect(cached(carol)).toEqual(['a2/public', 'c1/public']);

    // The new query is followed: Carol's public note no longer reaches Alice, hers do.
    await carol.reducers.addNote({ audience: 'public', text: 'c2' });
    await alice.reducers.addNote({ audience: 'friends', text: 'a3' });
    await eventually(() => {
      expect(cached(alice)).toEqual(['a1/friends', 'a2/public', 'a3/friends']);
      expect(cached(carol)).toEqual(['a2/public', 'c1/public', 'c2/public']);
    });
    expect(viewRuns(notes)).toBe(runs + 1);

    // Back to the public query: the difference arrives, then public notes flow again.
    await alice.reducers.unblockEveryone({});
    await eventually(() => expect(cached(alice)).toEqual(['a2/public', 'c1/public', 'c2/public']));
    expect(viewRuns(notes)).toBe(runs + 2);
    await carol.reducers.addNote({ audience: 'public', text: 'c3' });
    await eventually(() =>
      expect(cached(alice)).toEqual(['a2/public', 'c1/public', 'c2/public', 'c3/public']),
    );
    expect(viewRuns(notes)).toBe(runs + 2);
  });
});

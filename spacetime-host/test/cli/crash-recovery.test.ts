// kill -9 of a running host in the middle of a load of HTTP reducer calls:
// after a restart, every call the host answered with success is there exactly
// once, and nothing else is half there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin } from './run-bin.js';
import { startHost, stop } from './start-host.js';

const NOTES_MODULE = fileURLToPath(new URL('../fixtures/notes-v1', import.meta.url));
const CONCURRENCY = 16;
const ACKNOWLEDGED_BEFORE_KILL = 400;

interface NoteRow {
  readonly id: number;
  readonly text: string;
}

async function newToken(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/identity`, { method: 'POST' });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function addNote(url: string, token: string, text: string): Promise<boolean> {
  const response = await fetch(`${url}/v1/database/notes/call/add_note`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify([text]),
  });
  await response.arrayBuffer();
  return response.status === 200;
}

async function readNotes(url: string, token: string): Promise<NoteRow[]> {
  const response = await fetch(`${url}/v1/database/notes/sql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: 'SELECT * FROM notes',
  });
  expect(response.status).toBe(200);
  const [result] = (await response.json()) as { rows: [number, string][] }[];
  return result!.rows.map(([id, text]) => ({ id, text }));
}

describe('a host killed with SIGKILL mid-load', () => {
  let dir: string | undefined;

  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged transaction, once, after a restart', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spacetime-local-crash-'));
    const dataDir = path.join(dir, 'data');
    const first = await startHost(dataDir, dir);
    const published = await runBin(['publish', 'notes', '--module-path', NOTES_MODULE], {
      cwd: dir,
      env: {
        SPACETIME_LOCAL_CONFIG: path.join(dir, 'cli.json'),
        SPACETIME_LOCAL_SERVER: first.url,
      },
    });
    expect(published.code).toBe(0);
    const token = await newToken(first.url);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));

    // Writers keep calls in flight until the host dies under them.
    const acknowledged = new Set<string>();
    let attempted = 0;
    let killed = false;
    const writers = Array.from({ length: CONCURRENCY }, async (_, writer) => {
      for (let call = 0; !killed; call++) {
        const text = `w${writer}-c${call}`;
        attempted++;
        try {
          if (await addNote(first.url, token, text)) acknowledged.add(text);
        } catch {
          return; // the connection died with the host
        }
        if (acknowledged.size >= ACKNOWLEDGED_BEFORE_KILL && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(writers);
    await exited;
    expect(acknowledged.size).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    const second = await startHost(dataDir, dir);
    try {
      const notes = await readNotes(second.url, await newToken(second.url));
      const texts = notes.map((note) => note.text);
      const missing = [...acknowledged].filter((text) => !texts.includes(text));
      expect(missing).toEqual([]);
      // Nothing twice, nothing that was never sent, and ids still unique.
      expect(new Set(texts).size).toBe(texts.length);
      expect(new Set(notes.map((note) => note.id)).size).toBe(notes.length);
      const sent = texts.filter((text) => text !== 'welcome');
      expect(sent.every((text) => /^w\d+-c\d+$/.test(text))).toBe(true);
      expect(sent.length).toBeLessThanOrEqual(attempted);
      // The host takes new writes after recovery.
      expect(await addNote(second.url, await newToken(second.url), 'after-restart')).toBe(true);
    } finally {
      await stop(second.child);
    }
  });
});

import { BinaryWriter } from 'spacetimedb';
import {
  type Compression,
  compressFrame,
  plainFrame,
  shouldCompress,
} from '../protocol/compression.js';
import { writeServerMessage } from '../protocol/encode-server-message.js';
import type { ServerMessage } from '../protocol/server-message.js';
import type { WsVersion } from '../protocol/ws-protocol.js';

/** The part of a WebSocket the queue writes to. */
export interface OutgoingSocket {
  send(frame: Uint8Array): void;
  /** Bytes handed to the socket but not yet written to the network. */
  readonly bufferedAmount: number;
  /** Optional: hold writes and flush them together (one system call for many frames). */
  cork?(): void;
  uncork?(): void;
}

export type SendFailure = 'too-slow' | 'not-durable';

export interface SendQueueOptions {
  readonly version: WsVersion;
  readonly compression: Compression;
  /** Queued plus socket-buffered bytes beyond which the client counts as too slow. */
  readonly maxOutgoingBytes: number;
  /** Called once, after which the queue sends nothing more. */
  readonly onFailure: (failure: SendFailure) => void;
}

/** SpacetimeDB's target for one coalesced v3 payload; a larger single message still goes alone. */
const V3_MAX_PAYLOAD_BYTES = 512 * 1024;

/** Whether a promise has settled, known without awaiting it. */
interface Readiness {
  readonly promise: Promise<void>;
  settled: boolean;
  failed: boolean;
}

/**
 * One Readiness per promise, shared by every message that waits for it (a
 * transaction's update goes to many clients): one pair of callbacks per
 * transaction instead of one per message.
 */
const readinessOf = (() => {
  const known = new WeakMap<Promise<void>, Readiness>();
  return (promise: Promise<void>): Readiness => {
    let readiness = known.get(promise);
    if (readiness === undefined) {
      const created: Readiness = { promise, settled: false, failed: false };
      promise.then(
        () => {
          created.settled = true;
        },
        () => {
          created.settled = true;
          created.failed = true;
        },
      );
      known.set(promise, created);
      readiness = created;
    }
    return readiness;
  };
})();

interface Entry {
  /** A spare byte (for the compression tag) followed by the encoded message. */
  readonly bytes: Uint8Array;
  /** Undefined when the message may go at once. */
  readonly ready: Readiness | undefined;
}

/**
 * One client's outgoing messages, in order. A message may wait for a promise
 * (its transaction becoming durable, for confirmed reads); later messages
 * wait behind it. Messages are encoded when queued, so the queue knows its
 * size in bytes: when a new message finds more than the limit still waiting
 * (queued here or unsent in the socket), the client is not reading and is
 * failed as `too-slow` instead of growing the host's memory. v3 coalesces
 * ready messages into one frame.
 */
export class SendQueue {
  readonly #socket: OutgoingSocket;
  readonly #options: SendQueueOptions;
  readonly #writer = new BinaryWriter(1024);
  #entries: Entry[] = [];
  #head = 0;
  #queuedBytes = 0;
  #pumping = false;
  #corked = false;
  #closed = false;

  constructor(socket: OutgoingSocket, options: SendQueueOptions) {
    this.#socket = socket;
    this.#options = options;
  }

  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Queues `message`, to be sent once `ready` (if given) resolves. */
  push(message: ServerMessage, ready?: Promise<void>): void {
    if (this.#closed) return;
    // Judge by the backlog this message joins, so one message larger than the limit
    // still reaches a client that keeps up.
    if (this.#tooSlow()) {
      this.#fail('too-slow');
      return;
    }
    const writer = this.#writer;
    writer.clear();
    writer.writeU8(0);
    writeServerMessage(writer, message);
    const entry: Entry = {
      bytes: writer.getBuffer().slice(),
      ready: ready === undefined ? undefined : readinessOf(ready),
    };
    this.#entries.push(entry);
    this.#queuedBytes += entry.bytes.length;
    if (!this.#pumping) {
      this.#pumping = true;
      // Start on the next microtask so messages queued in the same turn share a v3 frame.
      queueMicrotask(() => void this.#pump());
    }
  }

  /** Drops everything queued; nothing more is sent. */
  close(): void {
    this.#closed = true;
    this.#entries = [];
    this.#head = 0;
    this.#queuedBytes = 0;
  }

  async #pump(): Promise<void> {
    const { compression } = this.#options;
    try {
      while (!this.#closed && this.#head < this.#entries.length) {
        const first = this.#entries[this.#head]!;
        const ready = first.ready;
        if (ready !== undefined && !ready.settled) {
          this.#uncork();
          await ready.promise.catch(() => undefined);
          if (this.#closed) return;
        }
        if (ready?.failed) {
          this.#fail('not-durable');
          return;
        }
        const batch = this.#takeBatch();
        const tagged = joinFrame(batch);
        let frame: Uint8Array;
        if (shouldCompress(tagged.length - 1, compression)) {
          this.#uncork();
          frame = await compressFrame(tagged, compression);
          if (this.#closed) return;
        } else {
          frame = plainFrame(tagged);
        }
        // Frames sent in one run of the pump leave in one write.
        if (!this.#corked) {
          this.#socket.cork?.();
          this.#corked = true;
        }
        this.#socket.send(frame);
        for (const entry of batch) this.#queuedBytes -= entry.bytes.length;
      }
    } finally {
      this.#uncork();
      this.#pumping = false;
      this.#compact();
    }
  }

  #uncork(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.#socket.uncork?.();
  }

  /** v2: the first message alone. v3: it and the ready messages after it, up to the payload target. */
  #takeBatch(): Entry[] {
    const batch = [this.#entries[this.#head++]!];
    if (this.#options.version === 'v2') return batch;
    let size = batch[0]!.bytes.length - 1;
    while (this.#head < this.#entries.length) {
      const next = this.#entries[this.#head]!;
      const ready = next.ready === undefined || (next.ready.settled && !next.ready.failed);
      if (!ready || size + next.bytes.length - 1 > V3_MAX_PAYLOAD_BYTES) break;
      batch.push(next);
      size += next.bytes.length - 1;
      this.#head++;
    }
    return batch;
  }

  #tooSlow(): boolean {
    return this.#queuedBytes + this.#socket.bufferedAmount > this.#options.maxOutgoingBytes;
  }

  #fail(failure: SendFailure): void {
    if (this.#closed) return;
    this.close();
    this.#options.onFailure(failure);
  }

  #compact(): void {
    if (this.#head === 0) return;
    this.#entries = this.#entries.slice(this.#head);
    this.#head = 0;
  }
}

/** One frame's bytes with the spare tag byte first: the entry itself, or the messages joined. */
function joinFrame(batch: readonly Entry[]): Uint8Array {
  if (batch.length === 1) return batch[0]!.bytes;
  let length = 1;
  for (const entry of batch) length += entry.bytes.length - 1;
  const frame = new Uint8Array(length);
  let at = 1;
  for (const entry of batch) {
    frame.set(entry.bytes.subarray(1), at);
    at += entry.bytes.length - 1;
  }
  return frame;
}

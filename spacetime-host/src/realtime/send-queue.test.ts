import { describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import { decompressFrame } from '../protocol/compression.js';
import { decodeServerMessage, decodeServerMessagesV3 } from '../protocol/decode-server-message.js';
import type { ServerMessage } from '../protocol/server-message.js';
import { type SendFailure, SendQueue, type SendQueueOptions } from './send-queue.js';

class FakeSocket {
  readonly frames: Uint8Array[] = [];
  bufferedAmount = 0;
  send(frame: Uint8Array): void {
    this.frames.push(frame);
  }
}

function setup(options: Partial<SendQueueOptions> = {}) {
  const socket = new FakeSocket();
  const failures: SendFailure[] = [];
  const queue = new SendQueue(socket, {
    version: 'v2',
    compression: 'None',
    maxOutgoingBytes: 1 << 20,
    onFailure: (failure) => failures.push(failure),
    ...options,
  });
  const decoded = () =>
    socket.frames.map((f) =>
      options.version === 'v3'
        ? decodeServerMessagesV3(decompressFrame(f))
        : [decodeServerMessage(decompressFrame(f))],
    );
  return { socket, queue, failures, decoded };
}

const error = (querySetId: number): ServerMessage => ({
  tag: 'SubscriptionError',
  querySetId,
  error: 'e',
});

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SendQueue', () => {
  it('sends v2 messages one per frame, in order', async () => {
    const { queue, decoded } = setup();
    queue.push(error(1));
    queue.push(error(2));
    await eventually(() => expect(decoded()).toEqual([[error(1)], [error(2)]]));
  });

  it('holds later messages behind one waiting for durability, then sends them in order', async () => {
    const { queue, socket, decoded } = setup();
    const durable = deferred();
    queue.push(error(1), durable.promise);
    queue.push(error(2));
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.frames).toEqual([]);
    durable.resolve();
    await eventually(() => expect(decoded()).toEqual([[error(1)], [error(2)]]));
  });

  it('coalesces ready v3 messages into one frame', async () => {
    const { queue, decoded } = setup({ version: 'v3' });
    const durable = Promise.resolve();
    queue.push(error(1), durable);
    queue.push(error(2), durable);
    queue.push(error(3));
    await eventually(() => expect(decoded()).toEqual([[error(1), error(2), error(3)]]));
  });

  it('fails as not-durable when a transaction cannot be made durable, sending nothing after it', async () => {
    const { queue, socket, failures, decoded } = setup();
    const durable = deferred();
    queue.push(error(1));
    queue.push(error(2), durable.promise);
    queue.push(error(3));
    durable.reject(new Error('disk full'));
    await eventually(() => expect(failures).toEqual(['not-durable']));
    expect(decoded()).toEqual([[error(1)]]);
    queue.push(error(4));
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.frames).toHaveLength(1);
  });

  it('fails as too-slow when a message finds more than the limit still waiting', async () => {
    const { queue, socket, failures } = setup({ maxOutgoingBytes: 100 });
    // One message larger than the limit still goes to a client that keeps up.
    queue.push({
      tag: 'InitialConnection',
      identity: 1n,
      connectionId: 2n,
      token: 'x'.repeat(200),
    });
    await eventually(() => expect(socket.frames).toHaveLength(1));
    expect(failures).toEqual([]);
    socket.bufferedAmount = 150;
    queue.push(error(1));
    expect(failures).toEqual(['too-slow']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.frames).toHaveLength(1);
  });

  it('compresses large frames with the chosen algorithm', async () => {
    const { queue, socket, decoded } = setup({ compression: 'Gzip' });
    const big: ServerMessage = { tag: 'SubscriptionError', querySetId: 1, error: 'y'.repeat(5000) };
    queue.push(big);
    queue.push(error(2));
    await eventually(() => expect(decoded()).toEqual([[big], [error(2)]]));
    expect(socket.frames.map((f) => f[0])).toEqual([2, 0]);
  });

  it('drops what is queued when closed', async () => {
    const { queue, socket } = setup();
    const durable = deferred();
    queue.push(error(1), durable.promise);
    queue.close();
    durable.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.frames).toEqual([]);
    expect(queue.queuedBytes).toBe(0);
  });
});

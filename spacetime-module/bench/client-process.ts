// Forks bench-clients.ts and exchanges one reply per command with it.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './bench-protocol.js';

const script = fileURLToPath(new URL('./bench-clients.ts', import.meta.url));

export class ClientProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<never>;

  constructor() {
    this.#child = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#exited = new Promise<never>((_, reject) => {
      this.#child.once('exit', (code, signal) =>
        reject(new Error(`the client process exited: ${code ?? signal}`)),
      );
    });
    this.#exited.catch(() => {});
  }

  /** Sends `message` and resolves with the reply of type `reply`. */
  request<T extends ChildMessage['type']>(
    message: ParentMessage,
    reply: T,
  ): Promise<Extract<ChildMessage, { type: T }>> {
    const answer = new Promise<Extract<ChildMessage, { type: T }>>((resolve) => {
      const listener = (received: ChildMessage) => {
        if (received.type !== reply) return;
        this.#child.off('message', listener);
        resolve(received as Extract<ChildMessage, { type: T }>);
      };
      this.#child.on('message', listener);
    });
    this.#child.send(message);
    return Promise.race([answer, this.#exited]);
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.send({ type: 'close' } satisfies ParentMessage);
    await exited;
  }
}

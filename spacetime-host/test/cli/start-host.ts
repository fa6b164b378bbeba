// Runs `spacetime-local start` in a child process, as a user would, for the
// tests that need a whole host they can stop or kill.
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './run-bin.js';

export /** Starts the host and resolves with its URL once it prints "Listening on …". */
function startHost(
  dataDir: string,
  cwd: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--listen-addr', '127.0.0.1:0', '--data-dir', dataDir],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
  });
}

export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

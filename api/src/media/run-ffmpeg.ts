import { spawn } from 'node:child_process';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';

/** ffmpeg failed on the input: its last lines of stderr say why. */
export class FfmpegError extends Error {
  override readonly name = 'FfmpegError';
}

const STDERR_KEPT = 4096;

/**
 * Runs the ffmpeg binary that `@ffmpeg-installer/ffmpeg` ships (an npm
 * optional dependency, so nothing is downloaded), killing it after `timeoutMs`.
 * Arguments go straight to the process: no shell ever sees them.
 */
export function runFfmpeg(args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ffmpegInstaller.path,
      ['-nostdin', '-hide_banner', '-loglevel', 'error', ...args],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else if (signal !== null) reject(new FfmpegError(`ffmpeg was stopped (${signal})`));
      else reject(new FfmpegError(stderr.trim() || `ffmpeg exited with ${code}`));
    });
  });
}

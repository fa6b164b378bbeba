import type { FileHandle } from 'node:fs/promises';
import { BinaryWriter } from 'spacetimedb';
import { crc32c } from './crc32c.js';
import { writeFully } from './log-file.js';

const CHUNK_BYTES = 1 << 20;

/**
 * Streams BSATN into a file in ~1 MiB chunks while computing its CRC-32C, so
 * writing a snapshot never holds a second copy of the whole database in memory.
 * Encode into `writer`, then `await maybeFlush()` at convenient points.
 */
export class ChunkedFileWriter {
  readonly writer = new BinaryWriter(CHUNK_BYTES + 64 * 1024);
  private position: number;
  private crc = 0;
  private written = 0;

  constructor(
    private readonly file: FileHandle,
    startPosition: number,
  ) {
    this.position = startPosition;
  }

  async maybeFlush(): Promise<void> {
    if (this.writer.offset >= CHUNK_BYTES) await this.flush();
  }

  /** Writes what is buffered; returns the CRC and length of everything written. */
  async finish(): Promise<{ readonly crc: number; readonly length: number }> {
    await this.flush();
    return { crc: this.crc, length: this.written };
  }

  private async flush(): Promise<void> {
    const bytes = this.writer.getBuffer();
    if (bytes.length === 0) return;
    this.crc = crc32c(bytes, 0, bytes.length, this.crc);
    await writeFully(this.file, bytes, this.position);
    this.position += bytes.length;
    this.written += bytes.length;
    this.writer.clear();
  }
}

// Reading a file's SHA-256 as a stream (never the whole file in memory), optionally slowly: the server's
// scheduled fixity check reads at a capped rate so that it never competes with readers for the disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileStore } from './store.ts';

export interface HashOptions {
  /** At most this many bytes a second (unlimited when absent). */
  bytesPerSecond?: number;
  signal?: AbortSignal;
}

/** The SHA-256 (hex) and size of a file; null when it does not exist. */
export async function hashFile(file: string, opts: HashOptions = {}): Promise<{ sha256: string; size: number } | null> {
  let stream: fs.ReadStream;
  try {
    stream = fs.createReadStream(file, { highWaterMark: 256 * 1024, signal: opts.signal });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return hashStream(stream, opts);
}

/** The SHA-256 (hex) and size of a blob in a file store; null when it is not there. */
export async function hashStored(
  store: FileStore,
  sha256: string,
  opts: HashOptions = {},
): Promise<{ sha256: string; size: number } | null> {
  const stream = await store.read(sha256);
  return stream && hashStream(stream, opts);
}

/** The SHA-256 (hex) and size of the bytes of a stream, read to its end. */
export async function hashStream(stream: Readable, opts: HashOptions = {}): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const started = Date.now();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      if (opts.bytesPerSecond) {
        const ahead = (size / opts.bytesPerSecond) * 1000 - (Date.now() - started);
        if (ahead > 0) await sleep(ahead, undefined, { signal: opts.signal });
      }
    }
  } finally {
    stream.destroy(); // stopped early (an abort): the file or connection is not left open
  }
  return { sha256: hash.digest('hex'), size };
}

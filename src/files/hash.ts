// Reading a file's SHA-256 as a stream (never the whole file in memory), optionally slowly: the server's
// scheduled fixity check reads at a capped rate so that it never competes with readers for the disk.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

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
  const hash = createHash('sha256');
  let size = 0;
  const started = Date.now();
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (opts.bytesPerSecond) {
      const ahead = (size / opts.bytesPerSecond) * 1000 - (Date.now() - started);
      if (ahead > 0) await sleep(ahead, undefined, { signal: opts.signal });
    }
  }
  return { sha256: hash.digest('hex'), size };
}

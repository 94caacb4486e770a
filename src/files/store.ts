// The content-addressed file store: bytes live at DATA_DIR/files/<first two hex>/<sha256>.
// The same bytes added twice are stored once; a file appears only once fully written (temp + rename).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';

const SHA256 = /^[0-9a-f]{64}$/;

export interface StoredFile {
  sha256: string;
  size: number;
  existed: boolean;
}

export class FileStore {
  constructor(readonly dir: string) {}

  /** The path of the blob with this checksum; throws on anything but a checksum, so no path can leave the store. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256 checksum: ${JSON.stringify(sha256).slice(0, 80)}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return SHA256.test(sha256) && fs.existsSync(this.pathOf(sha256));
  }

  /** Streams bytes into the store, hashing on the way; refuses more than maxBytes. */
  async put(source: Readable | Buffer, maxBytes = Number.POSITIVE_INFINITY): Promise<StoredFile> {
    fs.mkdirSync(path.join(this.dir, 'tmp'), { recursive: true });
    const tmp = path.join(this.dir, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // Opened here, synchronously: the file exists before any byte flows, so a failure can always remove it.
    const out = fs.createWriteStream(tmp, { fd: fs.openSync(tmp, 'wx') });
    try {
      await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, meter, out);
      const sha256 = hash.digest('hex');
      const dest = this.pathOf(sha256);
      const existed = fs.existsSync(dest);
      if (existed) fs.rmSync(tmp);
      else {
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.renameSync(tmp, dest);
      }
      return { sha256, size, existed };
    } catch (err) {
      // Not events.once: it rejects on the stream's own 'error', which is this very failure.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  /** Removes a blob (when no row points to it any more). */
  remove(sha256: string): void {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }

  /** Every checksum in the store. */
  *list(): Generator<string> {
    if (!fs.existsSync(this.dir)) return;
    for (const d of fs.readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const f of fs.readdirSync(path.join(this.dir, d))) if (SHA256.test(f)) yield f;
    }
  }
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than the limit of ${limit} bytes`);
  }
}

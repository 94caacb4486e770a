// The content-addressed file store: every blob is named by its SHA-256. Two stores implement it: a folder
// (DATA_DIR/files/<first two hex>/<sha256>, this file) and an S3 bucket (src/files/s3.ts). The same bytes added
// twice are stored once; a blob appears only once fully written and checked, and is read as a stream.
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

/** A byte range, both ends included (as HTTP's Range header counts). */
export interface ByteRange {
  start: number;
  end: number;
}

/** A blob as a file on this machine, for tools that need a path (the PDF reader, OCR); release it after use. */
export interface LocalCopy {
  path: string;
  release(): Promise<void>;
}

export interface FileStore {
  /** Where the blobs are, for messages: a folder or s3://bucket/prefix. */
  readonly location: string;
  /** A folder on this machine for partial writes and local copies (swept of old leftovers). */
  readonly tmpDir: string;
  /** Streams bytes into the store, hashing on the way; refuses more than maxBytes. */
  put(source: Readable | Buffer, maxBytes?: number): Promise<StoredFile>;
  exists(sha256: string): Promise<boolean>;
  /** The blob's size in bytes, or null when it is not there. */
  sizeOf(sha256: string): Promise<number | null>;
  /** The blob's bytes (or one range of them) as a stream; null when it is not there. */
  read(sha256: string, range?: ByteRange): Promise<Readable | null>;
  /**
   * The blob as a file on this machine; null when it is not there. `keep`: the copy may be kept after its release
   * for the next caller (page images draw one page after another from the same PDF), within the store's budget.
   */
  localCopy(sha256: string, opts?: { keep?: boolean }): Promise<LocalCopy | null>;
  /** Removes a blob (when no row points to it any more); nothing when it is not there. */
  delete(sha256: string): Promise<void>;
  /** Every blob in the store, with when it was written. */
  entries(): AsyncGenerator<{ sha256: string; size: number; modified: Date }>;
  /** Writes, reads back and removes a small object: throws, saying why, when the store is not usable. */
  probe(): Promise<void>;
  /** Lets go of connections (an S3 client's). */
  close(): void;
}

/** Throws on anything but a checksum, so that no name can leave the store. */
export function checkSha256(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256 checksum: ${JSON.stringify(sha256).slice(0, 80)}`);
  return sha256;
}

export const isSha256 = (s: string): boolean => SHA256.test(s);

/** The blob's name below the store's root: <first two hex>/<sha256>, the same in a folder and in a bucket. */
export const blobName = (sha256: string): string => `${checkSha256(sha256).slice(0, 2)}/${sha256}`;

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than the limit of ${limit} bytes`);
  }
}

/**
 * Streams `source` into a new file in `dir` (created), counting and hashing (SHA-256 and MD5, the check S3 servers
 * verify on write) on the way; removes the partial file on any failure.
 */
export async function spool(
  dir: string,
  source: Readable | Buffer,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<{ file: string; sha256: string; md5: Buffer; size: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, randomUUID());
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
      sha.update(chunk);
      md5.update(chunk);
      done(null, chunk);
    },
  });
  // Opened here, synchronously: the file exists before any byte flows, so a failure can always remove it.
  const out = fs.createWriteStream(file, { fd: fs.openSync(file, 'wx') });
  try {
    await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, meter, out);
    return { file, sha256: sha.digest('hex'), md5: md5.digest(), size };
  } catch (err) {
    // Not events.once: it rejects on the stream's own 'error', which is this very failure.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/** A stream of a file (or a range of it) once it is open; null when there is no such file. */
async function openFile(file: string, range?: ByteRange): Promise<Readable | null> {
  let fd: fs.promises.FileHandle;
  try {
    fd = await fs.promises.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return fd.createReadStream(range ? { start: range.start, end: range.end } : {});
}

/** The store in a folder: <dir>/<ab>/<sha256>, partial writes in <dir>/tmp (renamed into place when whole). */
export class LocalFileStore implements FileStore {
  readonly location: string;
  readonly tmpDir: string;

  constructor(readonly dir: string) {
    this.location = dir;
    this.tmpDir = path.join(dir, 'tmp');
  }

  /** The path of the blob with this checksum (only this store has one). */
  pathOf(sha256: string): string {
    return path.join(this.dir, blobName(sha256));
  }

  async put(source: Readable | Buffer, maxBytes = Number.POSITIVE_INFINITY): Promise<StoredFile> {
    const s = await spool(this.tmpDir, source, maxBytes);
    const dest = this.pathOf(s.sha256);
    const existed = fs.existsSync(dest);
    if (existed) fs.rmSync(s.file);
    else {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(s.file, dest);
    }
    return { sha256: s.sha256, size: s.size, existed };
  }

  async exists(sha256: string): Promise<boolean> {
    return isSha256(sha256) && fs.existsSync(this.pathOf(sha256));
  }

  async sizeOf(sha256: string): Promise<number | null> {
    try {
      return (await fs.promises.stat(this.pathOf(sha256))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    return openFile(this.pathOf(sha256), range);
  }

  async localCopy(sha256: string): Promise<LocalCopy | null> {
    return (await this.exists(sha256)) ? { path: this.pathOf(sha256), release: async () => {} } : null;
  }

  async delete(sha256: string): Promise<void> {
    fs.rmSync(this.pathOf(sha256), { force: true });
  }

  async *entries(): AsyncGenerator<{ sha256: string; size: number; modified: Date }> {
    if (!fs.existsSync(this.dir)) return;
    for (const d of fs.readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const f of fs.readdirSync(path.join(this.dir, d))) {
        if (!SHA256.test(f)) continue;
        const st = fs.statSync(path.join(this.dir, d, f), { throwIfNoEntry: false });
        if (st) yield { sha256: f, size: st.size, modified: st.mtime };
      }
    }
  }

  async probe(): Promise<void> {
    const s = await spool(this.tmpDir, Buffer.from(`kitap doctor ${new Date().toISOString()}\n`));
    fs.rmSync(s.file);
  }

  close(): void {}
}

/** Every checksum in a store, sorted. */
export async function storedBlobs(store: FileStore): Promise<string[]> {
  const all: string[] = [];
  for await (const e of store.entries()) all.push(e.sha256);
  return all.sort();
}

// The file store in an S3-compatible bucket: s3://bucket/prefix/<ab>/<sha256>, the same names as in a folder.
// Only the operations every S3 server implements (AWS, MinIO, Ceph radosgw, Garage): PutObject (one request,
// so at most 5 GiB a file), GetObject with Range, HeadObject, DeleteObject, ListObjectsV2.
// An upload is spooled to a local temporary file while its SHA-256 (its name) and MD5 are computed, then sent with
// Content-MD5, which the server checks; the ETag it answers is compared with the MD5 too. Nothing is held in memory.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { blobName, type ByteRange, type FileStore, type LocalCopy, type StoredFile, isSha256, spool } from './store.ts';

/** One PutObject takes at most 5 GiB (the S3 API's limit for a single request). */
export const S3_MAX_OBJECT_BYTES = 5 * 1024 ** 3;

export interface S3Options {
  bucket: string;
  /** Key prefix without a trailing slash ('' for the bucket's root). */
  prefix: string;
  /** The server's address (MinIO, Ceph, Garage…); AWS when absent. */
  endpoint?: string;
  region: string;
  /** Bucket in the path (http://host/bucket/key), as MinIO, Garage and most self-hosted servers need. */
  forcePathStyle: boolean;
  /** Keys; when absent, the AWS SDK's own chain (instance role, ~/.aws). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A local folder for uploads on their way and local copies. */
  tmpDir: string;
  /** Keys asked for per ListObjectsV2 request (the server's default, at most 1000, when absent). */
  listPageSize?: number;
  /** Disk for local copies kept after their release (`localCopy(sha, { keep: true })`); none when 0 or absent. */
  keptCopiesBytes?: number;
}

/** A local copy kept for reuse: its file, size once fetched, and how many callers hold it now. */
interface KeptCopy {
  file: string;
  size: number;
  users: number;
  fetched: Promise<number | null>;
}

/** Parses s3://bucket/prefix; null for any other URL. */
export function parseS3Url(url: string): { bucket: string; prefix: string } | null {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) return null;
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

/**
 * The AWS SDK, loaded by the first store that sends a request: some 25 MB of a process's memory, which a server on
 * a folder store, and every command that touches no bucket, does without.
 */
type Sdk = typeof import('@aws-sdk/client-s3');
let sdkLoaded: Promise<Sdk> | undefined;
const loadSdk = (): Promise<Sdk> => (sdkLoaded ??= import('@aws-sdk/client-s3'));

/** A 404 from the server (an S3ServiceException's status, read without the SDK's class at hand). */
const notThere = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode === 404;

export class S3FileStore implements FileStore {
  readonly location: string;
  readonly tmpDir: string;
  private readonly clientOptions: S3ClientConfig;
  private client: S3Client | undefined;
  private readonly bucket: string;
  private readonly root: string;
  private readonly pageSize: number | undefined;
  private readonly keptBytes: number;
  /** Kept local copies by checksum, the least recently used first. */
  private readonly kept = new Map<string, KeptCopy>();

  constructor(opts: S3Options) {
    this.bucket = opts.bucket;
    this.root = opts.prefix ? `${opts.prefix}/` : '';
    this.location = `s3://${opts.bucket}/${opts.prefix}`;
    this.tmpDir = opts.tmpDir;
    this.pageSize = opts.listPageSize;
    this.keptBytes = opts.keptCopiesBytes ?? 0;
    this.clientOptions = {
      endpoint: opts.endpoint,
      region: opts.region,
      forcePathStyle: opts.forcePathStyle,
      credentials: opts.credentials,
      // The SDK's newer default checksums (CRC32 headers, aws-chunked bodies) are not understood by every server:
      // only what an operation requires; the content is checked with Content-MD5 and by our own SHA-256.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
  }

  /** The SDK and this store's client, made on first use. */
  private async s3(): Promise<{ sdk: Sdk; client: S3Client }> {
    const sdk = await loadSdk();
    this.client ??= new sdk.S3Client(this.clientOptions);
    return { sdk, client: this.client };
  }

  /** The object key of a blob. */
  keyOf(sha256: string): string {
    return `${this.root}${blobName(sha256)}`;
  }

  async put(source: Readable | Buffer, maxBytes = Number.POSITIVE_INFINITY): Promise<StoredFile> {
    const s = await spool(this.tmpDir, source, Math.min(maxBytes, S3_MAX_OBJECT_BYTES));
    try {
      if (await this.exists(s.sha256)) return { sha256: s.sha256, size: s.size, existed: true };
      const key = this.keyOf(s.sha256);
      const { sdk, client } = await this.s3();
      const answer = await client.send(
        new sdk.PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: fs.createReadStream(s.file),
          ContentLength: s.size,
          ContentMD5: s.md5.toString('base64'),
          ContentType: 'application/octet-stream',
        }),
      );
      // A single PutObject's ETag is the MD5 of what the server stored, unless the bucket encrypts with KMS keys.
      const etag = answer.ETag?.replace(/"/g, '') ?? '';
      const kms = answer.ServerSideEncryption?.startsWith('aws:kms') ?? false;
      if (!kms && /^[0-9a-f]{32}$/.test(etag) && etag !== s.md5.toString('hex')) {
        await this.delete(s.sha256);
        throw new Error(`the S3 server stored other bytes than were sent for ${s.sha256} (ETag ${etag}): refused`);
      }
      return { sha256: s.sha256, size: s.size, existed: false };
    } finally {
      fs.rmSync(s.file, { force: true });
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return isSha256(sha256) && (await this.sizeOf(sha256)) !== null;
  }

  async sizeOf(sha256: string): Promise<number | null> {
    const { sdk, client } = await this.s3();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (notThere(err)) return null;
      throw err;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    const { sdk, client } = await this.s3();
    try {
      const got = await client.send(
        new sdk.GetObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(sha256),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return got.Body as Readable;
    } catch (err) {
      if (notThere(err)) return null;
      throw err;
    }
  }

  async localCopy(sha256: string, opts: { keep?: boolean } = {}): Promise<LocalCopy | null> {
    if (opts.keep && this.keptBytes > 0) return this.keptCopy(sha256);
    const file = path.join(this.tmpDir, `${randomUUID()}.copy`);
    if ((await this.fetchTo(sha256, file)) === null) return null;
    return { path: file, release: async () => fs.rmSync(file, { force: true }) };
  }

  /** Downloads the blob into `file`: its size, or null when it is not there (and no file is left). */
  private async fetchTo(sha256: string, file: string): Promise<number | null> {
    const body = await this.read(sha256);
    if (!body) return null;
    fs.mkdirSync(this.tmpDir, { recursive: true });
    try {
      await pipeline(body, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
    return fs.statSync(file).size;
  }

  /**
   * A copy shared by every caller that asks for the same blob while it is kept: fetched once (callers that come
   * while it downloads wait for it), kept after release within `keptCopiesBytes`, the least recently used removed
   * first. Its file is in tmpDir, touched on each use: the start's sweep of leftovers (an hour idle) may take it,
   * and then it is fetched again.
   */
  private async keptCopy(sha256: string): Promise<LocalCopy | null> {
    let k = this.kept.get(sha256);
    if (k && k.users === 0 && !fs.existsSync(k.file)) {
      this.kept.delete(sha256);
      k = undefined;
    }
    if (!k) {
      const file = path.join(this.tmpDir, `${randomUUID()}.copy`);
      k = { file, size: 0, users: 0, fetched: this.fetchTo(sha256, file) };
      this.kept.set(sha256, k);
    }
    const copy = k;
    copy.users++;
    let size: number | null;
    try {
      size = await copy.fetched;
    } catch (err) {
      this.forget(sha256, copy);
      throw err;
    }
    if (size === null) {
      this.forget(sha256, copy);
      return null;
    }
    copy.size = size;
    if (this.kept.get(sha256) === copy) {
      this.kept.delete(sha256); // to the end: the most recently used
      this.kept.set(sha256, copy);
    }
    const now = new Date();
    fs.utimesSync(copy.file, now, now);
    let released = false;
    return {
      path: copy.file,
      release: async () => {
        if (released) return;
        released = true;
        this.letGo(sha256, copy);
      },
    };
  }

  /** A copy that could not be fetched: no longer kept (the next caller tries again), and this caller let go. */
  private forget(sha256: string, copy: KeptCopy): void {
    if (this.kept.get(sha256) === copy) this.kept.delete(sha256);
    this.letGo(sha256, copy);
  }

  /** One caller is done with a kept copy: removes it when no longer kept, then trims the kept ones to the budget. */
  private letGo(sha256: string, copy: KeptCopy): void {
    copy.users--;
    if (copy.users > 0) return;
    if (this.kept.get(sha256) !== copy) fs.rmSync(copy.file, { force: true });
    this.trimKept(this.keptBytes);
  }

  /** Removes kept copies no one holds, the least recently used first, until they take at most `budget` (0: none kept). */
  private trimKept(budget: number): void {
    let total = 0;
    for (const c of this.kept.values()) total += c.size;
    for (const [sha, c] of this.kept) {
      if (budget > 0 && total <= budget) break;
      if (c.users > 0) continue;
      this.kept.delete(sha);
      fs.rmSync(c.file, { force: true });
      total -= c.size;
    }
  }

  async delete(sha256: string): Promise<void> {
    const k = this.kept.get(sha256);
    if (k) {
      this.kept.delete(sha256);
      if (k.users === 0) fs.rmSync(k.file, { force: true });
    }
    const { sdk, client } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
  }

  async *entries(): AsyncGenerator<{ sha256: string; size: number; modified: Date }> {
    const { sdk, client } = await this.s3();
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.root,
          ContinuationToken: token,
          MaxKeys: this.pageSize,
        }),
      );
      for (const o of page.Contents ?? []) {
        const rest = o.Key?.slice(this.root.length) ?? '';
        const m = /^([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(rest);
        if (m && m[2]!.startsWith(m[1]!))
          yield { sha256: m[2]!, size: o.Size ?? 0, modified: o.LastModified ?? new Date() };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async probe(): Promise<void> {
    const key = `${this.root}kitap-doctor-${randomUUID()}`;
    const body = `kitap doctor ${new Date().toISOString()}\n`;
    const { sdk, client } = await this.s3();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body }));
    try {
      const got = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const back = await got.Body?.transformToString();
      if (back !== body) throw new Error('an object written to the bucket read back differently');
    } finally {
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    }
  }

  /** Closes the client's connections and removes the kept copies no one holds. */
  close(): void {
    this.trimKept(0);
    this.client?.destroy();
  }
}

// An S3 server in its own process for tests: s3rver (npm) on a free port over a temporary folder, spoken to
// over HTTP by the real AWS SDK client, through a pass-through proxy in the test's process that notes each
// request (method, path, Range), so that a test can say what Kitap asked the bucket for. Its continuation
// tokens use DES, which OpenSSL 3 keeps in its legacy provider: the server's process (only it) runs with
// --openssl-legacy-provider.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { S3FileStore } from '../src/files/s3.ts';

const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the objects (for a test to look at, never to write to). */
  dir: string;
  /** Every request sent to the server since it started, in order. */
  requests: Array<{ method: string; path: string; range?: string }>;
  /** The settings that point Kitap at this server's bucket, under `prefix`. */
  env(prefix?: string): Record<string, string>;
  /** Kitap's store on this server's bucket under `prefix`. */
  store(prefix: string, tmpDir: string, listPageSize?: number, keptCopiesBytes?: number): S3FileStore;
  /** A plain S3 client on this server, to act on the bucket behind Kitap's back. */
  client(): S3Client;
  stop(): Promise<void>;
}

export async function startS3Server(bucket = 'kitap-test'): Promise<S3Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-s3rver-'));
  const bin = createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--openssl-legacy-provider', bin, '-d', dir, '-a', '127.0.0.1', '-p', '0', '-s', '--configure-bucket', bucket],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start: ${out}`)), 20_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', read);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited (${code}): ${out}`));
    });
  });
  const requests: S3Server['requests'] = [];
  const proxy = http.createServer((req, res) => {
    requests.push({ method: req.method!, path: req.url!, range: req.headers.range });
    const up = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', (err) => res.destroy(err));
    req.pipe(up);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    endpoint,
    bucket,
    dir,
    requests,
    env: (prefix = 'files') => ({
      FILES_URL: `s3://${bucket}/${prefix}`,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    }),
    store: (prefix, tmpDir, listPageSize, keptCopiesBytes) =>
      new S3FileStore({
        bucket,
        prefix,
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: KEYS,
        tmpDir,
        listPageSize,
        keptCopiesBytes,
      }),
    client: () => new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: KEYS }),
    async stop() {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

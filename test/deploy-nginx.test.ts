// docs/deploy.md's nginx configuration, as written there, in front of a running Kitap (issue 16): the block is
// taken from the document, only its ports, cache folder and certificate replaced (a self-signed one made here),
// and nginx from Debian started on it. Skipped, saying so, where nginx or openssl is not installed.
import assert from 'node:assert/strict';
import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDb } from '../src/db/db.ts';
import { LocalFileStore } from '../src/files/store.ts';
import { addFile } from '../src/store/files.ts';
import { createPublication } from '../src/store/publications.ts';
import { pubInput, runKitap, startServer, stopServer } from './helpers.ts';
import { freePort, NGINX, startNginx, stopNginx } from './nginx.ts';

const OPENSSL = spawnSync('openssl', ['version']).status === 0;
const skip = !NGINX ? 'nginx is not installed (apt-get install nginx)' : !OPENSSL ? 'openssl is not installed' : false;
if (skip) console.warn(`# ${skip}: the nginx configuration of docs/deploy.md is not tested`);

const HOST = 'library.example.org';

/** The first ```nginx block of docs/deploy.md. */
function documentedConfig(): string {
  const doc = fs.readFileSync(path.resolve('docs/deploy.md'), 'utf8');
  const m = /```nginx\n([\s\S]*?)```/.exec(doc);
  assert.ok(m, 'docs/deploy.md has an nginx block');
  return m[1]!;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('the nginx configuration of docs/deploy.md', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-nginx-'));
  // nginx's workers run as another user: they must reach the certificate and write the cache.
  fs.chmodSync(tmp, 0o755);
  let kitap: { proc: ChildProcess; base: string };
  let nginx: ChildProcess;
  let httpPort = 0;
  let httpsPort = 0;
  let slug = '';
  let download = '';
  const pdf = Buffer.from('%PDF-1.4 a file served through nginx, with a byte range\n');

  /** A request to nginx: over TLS (checked against the test's certificate) unless plain. */
  function ask(p: string, headers: Record<string, string> = {}, plain = false): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const opts = { host: '127.0.0.1', path: p, headers: { Host: HOST, ...headers } };
      const done = (res: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      };
      const req = plain
        ? http.request({ ...opts, port: httpPort }, done)
        : https.request(
            { ...opts, port: httpsPort, servername: HOST, ca: fs.readFileSync(path.join(tmp, 'tls.crt')) },
            done,
          );
      req.on('error', reject);
      req.end();
    });
  }

  before(async () => {
    const dataDir = path.join(tmp, 'data');
    assert.equal((await runKitap(['migrate'], { env: { DATA_DIR: dataDir } })).code, 0);
    const db = await openDb({ pgliteDir: path.join(dataDir, 'pglite') });
    const p = await createPublication(db, pubInput({ title: { en: 'Served through a proxy' } }));
    slug = p.slug;
    const put = await new LocalFileStore(path.join(dataDir, 'files')).put(pdf);
    const fileId = await addFile(db, p.id, {
      sha256: put.sha256,
      original_name: 'proxy.pdf',
      media_type: 'application/pdf',
      size: put.size,
      text_status: 'not_applicable',
    });
    await db.close();
    download = `/publications/${slug}/files/${fileId}/proxy.pdf`;
    kitap = await startServer({
      DATA_DIR: dataDir,
      LOAD_DEMO: 'never',
      PUBLIC_URL: `https://${HOST}`,
      TRUST_PROXY: 'true',
      HOST: '127.0.0.1',
      FIXITY_INTERVAL_HOURS: '0',
    });
    const r = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${HOST}`,
      '-addext',
      `subjectAltName=DNS:${HOST}`,
      '-keyout',
      path.join(tmp, 'tls.key'),
      '-out',
      path.join(tmp, 'tls.crt'),
    ]);
    assert.equal(r.status, 0, String(r.stderr));
    fs.chmodSync(path.join(tmp, 'tls.key'), 0o644);
    httpPort = await freePort();
    httpsPort = await freePort();
    fs.mkdirSync(path.join(tmp, 'cache'));
    fs.chmodSync(path.join(tmp, 'cache'), 0o777);
    const site = documentedConfig()
      .replace('server 127.0.0.1:3000;', `server ${new URL(kitap.base).host};`)
      .replace('/var/cache/nginx/kitap', path.join(tmp, 'cache'))
      .replace(/^\s*listen \[::\].*$/gm, '')
      .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
      .replace(/ssl_certificate +\S+;/, `ssl_certificate ${path.join(tmp, 'tls.crt')};`)
      .replace(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${path.join(tmp, 'tls.key')};`);
    for (const [what, port] of [
      ['upstream', new URL(kitap.base).port],
      ['http', httpPort],
      ['https', httpsPort],
    ])
      assert.ok(site.includes(`:${port}`), `the ${what} port was put in: the documented block changed shape`);
    fs.writeFileSync(path.join(tmp, 'kitap.conf'), site);
    nginx = await startNginx(tmp, `  include ${path.join(tmp, 'kitap.conf')};`, httpsPort);
  });

  after(async () => {
    await stopNginx(nginx);
    if (kitap) await stopServer(kitap.proc);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('plain HTTP is sent to HTTPS', async () => {
    const r = await ask('/publications?q=x', {}, true);
    assert.equal(r.status, 301);
    assert.equal(r.headers.location, `https://${HOST}/publications?q=x`);
  });

  test('an item page comes through over TLS, and its ETag brings a 304', async () => {
    const r = await ask(`/publications/${slug}`, { 'Accept-Encoding': 'gzip' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'gzip');
    const etag = r.headers.etag as string;
    assert.match(etag, /^"/);
    const again = await ask(`/publications/${slug}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    // Not kept by nginx: Kitap sends no Cache-Control for it.
    assert.notEqual(again.headers['x-cache-status'], 'HIT');
  });

  test('what Kitap marks cacheable is kept; a staff request bypasses the cache; a byte range of a download comes through', async () => {
    const html = (await ask('/publications')).body.toString();
    const css = /href="(\/static\/[^"]+\.css)"/.exec(html)?.[1];
    assert.ok(css, 'the page links its stylesheet');
    await ask(css);
    const hit = await ask(css);
    assert.equal(hit.status, 200);
    assert.equal(hit.headers['x-cache-status'], 'HIT');
    const staff = await ask(css, { Cookie: 'kitap_session=whatever' });
    assert.equal(staff.headers['x-cache-status'], 'BYPASS');
    const search = await ask('/publications?q=proxy');
    assert.notEqual(search.headers['x-cache-status'], 'HIT');
    for (let i = 0; i < 2; i++) {
      const part = await ask(download, { Range: 'bytes=4-11' });
      assert.equal(part.status, 206, `request ${i + 1}`);
      assert.deepEqual(part.body, pdf.subarray(4, 12));
    }
    const whole = await ask(download);
    assert.deepEqual(whole.body, pdf);
    assert.equal(whole.headers['x-cache-status'], 'HIT');
  });
});

// Adding files: the command line stores a PDF with its text by page, language and cover; a bad file is
// refused with its reason and leaves nothing; a server killed mid-ingest finishes the job after a restart.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { LocalFileStore, storedBlobs } from '../src/files/store.ts';
import { queueIngest } from '../src/ingest/jobs.ts';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import { createLogger } from '../src/log.ts';
import { createPublication, publicationIdBySlug } from '../src/store/publications.ts';
import { pubInput, runKitap, startServer, stopServer } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-ingest-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const kitap = (args: string[], env: Record<string, string>) => runKitap(args, { env });

/** A publication in a fresh PGlite under dataDir, made in-process before any server holds the database. */
async function seed(dataDir: string, slug: string) {
  const db = await openDb({ pgliteDir: path.join(dataDir, 'pglite') });
  await migrate(db);
  await createPublication(db, pubInput({ slug, title: { en: `Publication ${slug}` } }));
  return db;
}

describe('kitap ingest', () => {
  const dataDir = path.join(tmp, 'cli');
  const pdf = path.join(tmp, 'Доклад 2017.pdf');

  test('stores a PDF with its text by page, language and cover; the item page shows it', async () => {
    await (await seed(dataDir, 'report')).close();
    fs.writeFileSync(
      pdf,
      tinyPdf([
        { lines: ['Labour migration in Central Asia', 'A study of returning migrant workers and their families.'] },
        {
          lines: [
            'Remittances sent home by migrant workers support many households.',
            'Recommendations for the governments of the region.',
          ],
        },
      ]),
    );
    const r = await kitap(['ingest', pdf, '--publication', 'report'], { DATA_DIR: dataDir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /stored Доклад 2017\.pdf on report: 2 pages/);

    const again = await kitap(['ingest', pdf, '--publication', 'report'], { DATA_DIR: dataDir });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already on the publication/);

    const { proc, base } = await startServer({ DATA_DIR: dataDir, LOAD_DEMO: 'never' });
    try {
      const html = await (await fetch(`${base}/publications/report`)).text();
      assert.match(html, /Доклад 2017\.pdf/);
      assert.match(html, /English/);
      const cover = /src="(\/covers\/[0-9a-f]{64}\.webp(?:\?w=\d+)?)"/.exec(html)?.[1];
      assert.ok(cover, 'the item page shows the cover');
      const img = await fetch(base + cover);
      assert.equal(img.headers.get('content-type'), 'image/webp');
      assert.equal(
        Buffer.from(await img.arrayBuffer())
          .subarray(8, 12)
          .toString(),
        'WEBP',
      );
      const api = (await (await fetch(`${base}/api/v1/publications/report`)).json()) as {
        files: Array<{ url: string; pages: number; language: string; sha256: string }>;
      };
      assert.equal(api.files.length, 1);
      assert.equal(api.files[0]!.pages, 2);
      assert.equal(api.files[0]!.language, 'en');
      const bytes = Buffer.from(
        await (await fetch(api.files[0]!.url.replace(/^https?:\/\/[^/]+/, base))).arrayBuffer(),
      );
      assert.equal(createHash('sha256').update(bytes).digest('hex'), api.files[0]!.sha256);
      assert.deepEqual(bytes, fs.readFileSync(pdf));
    } finally {
      await stopServer(proc);
    }
    const db = await openDb({ pgliteDir: path.join(dataDir, 'pglite') });
    const pages = await db.query<{ page: number; text: string }>('select page, text from file_pages order by page');
    await db.close();
    assert.deepEqual(
      pages.map((p) => p.page),
      [1, 2],
    );
    assert.match(pages[1]!.text, /Remittances sent home/);
  });

  test('a file it refuses gives the reason, exit 1, and leaves no file, row or blob', async () => {
    const notPdf = path.join(tmp, 'page.pdf');
    fs.writeFileSync(notPdf, '<!doctype html><html><body>Not found</body></html>');
    const before = await storedBlobs(new LocalFileStore(path.join(dataDir, 'files')));
    const r = await kitap(['ingest', notPdf, '--publication', 'report'], { DATA_DIR: dataDir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a PDF: it is a web page/);
    assert.deepEqual(await storedBlobs(new LocalFileStore(path.join(dataDir, 'files'))), before);
    const db = await openDb({ pgliteDir: path.join(dataDir, 'pglite') });
    assert.equal((await db.one<{ n: number }>('select count(*)::int as n from files'))!.n, 1);
    await db.close();
    assert.equal((await kitap(['ingest', notPdf, '--publication', 'nope'], { DATA_DIR: dataDir })).code, 2);
    assert.match((await kitap(['ingest', notPdf], { DATA_DIR: dataDir })).stderr, /--publication SLUG/);
  });
});

describe('background ingest survives a crash', () => {
  test('a server killed mid-ingest finishes the job after a restart, with no orphan file or row', async () => {
    const dataDir = path.join(tmp, 'crash');
    const db = await seed(dataDir, 'big');
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const files = new LocalFileStore(config.filesDir);
    // Enough pages that reading takes seconds, so the kill lands mid-job.
    const big = tinyPdf(
      Array.from({ length: 1500 }, (_, i) => ({
        lines: [
          `Page ${i + 1} of a long report on labour migration`,
          'Remittances and return migration in Central Asia.',
        ],
      })),
    );
    const jobId = await queueIngest({ db, files, config, log: createLogger('silent') }, big, {
      publicationId: (await publicationIdBySlug(db, 'big'))!,
      originalName: 'big.pdf',
    });
    await db.close();

    const first = await startServer({ DATA_DIR: dataDir, LOAD_DEMO: 'never' });
    // Killed once it has been reading for a moment (its log says when it starts), however busy the machine.
    while (!first.log().includes('"ingest started"')) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    await stopServer(first.proc, 'SIGKILL');

    const second = await startServer({ DATA_DIR: dataDir, LOAD_DEMO: 'never' });
    try {
      const deadline = Date.now() + 150_000;
      for (;;) {
        const r = (await (await fetch(`${second.base}/api/v1/publications/big`)).json()) as { files: unknown[] };
        if (r.files.length) break;
        assert.ok(Date.now() < deadline, 'the job finished after the restart');
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      await stopServer(second.proc);
    }
    const check = await openDb({ pgliteDir: path.join(dataDir, 'pglite') });
    const job = await check.one<{ state: string; attempts: number; file_id: number }>(
      'select state, attempts, file_id from ingest_jobs where id = $1',
      [jobId],
    );
    assert.equal(job!.state, 'done');
    assert.ok(job!.attempts >= 2, `the kill interrupted the job (attempts: ${job!.attempts})`);
    assert.equal((await check.one<{ n: number }>('select count(*)::int as n from files'))!.n, 1);
    assert.equal(
      (await check.one<{ n: number }>('select count(*)::int as n from file_pages where file_id = $1', [job!.file_id]))!
        .n,
      1500,
    );
    const referenced = new Set(
      (await check.query<{ s: string }>('select sha256 as s from files union select cover_sha256 from files')).map(
        (r) => r.s,
      ),
    );
    await check.close();
    assert.deepEqual(await storedBlobs(files), [...referenced].sort(), 'every stored blob is a file or a cover');
    assert.deepEqual(fs.readdirSync(path.join(config.filesDir, 'tmp')), []);
  });
});

// `kitap harvest`: Kitap harvesting another Kitap over real HTTP (the demo catalogue, served with a small
// OAI page so that resumption tokens are followed), and repositories that answer badly (OAI errors, HTTP
// errors, broken XML, too slowly), each refused with a message, exit code 1 and nothing written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDb } from '../src/db/db.ts';
import type { ImportRecord } from '../src/import-page/record.ts';
import { publicationBySlug, publicationCount } from '../src/store/publications.ts';
import { BACKENDS, createPgDatabase, postgresAvailable, runKitap, startServer, stopServer } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-harvest-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PAGE = 7;

describe('kitap harvest from a Kitap server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let expected: { count: number; ids: string[] };
  before(async () => {
    server = await startServer({ DATA_DIR: path.join(tmp, 'source'), OAI_PAGE_SIZE: String(PAGE) });
    // Wait for the first start's demo load: /healthz answers 200 once the app is ready.
    for (let i = 0; i < 600; i++) {
      const r = await fetch(`${server.base}/healthz`).catch(() => null);
      if (r?.status === 200) break;
      await new Promise((ok) => setTimeout(ok, 250));
    }
    // What the repository itself lists: every header, through its own resumption tokens.
    const ids: string[] = [];
    let q = 'verb=ListIdentifiers&metadataPrefix=oai_dc';
    for (;;) {
      const xml = await (await fetch(`${server.base}/oai?${q}`)).text();
      for (const m of xml.matchAll(/<header>\s*<identifier>([^<]+)<\/identifier>/g)) ids.push(m[1]!);
      const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];
      if (!token) break;
      q = `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`;
    }
    expected = { count: ids.length, ids };
  });
  after(() => stopServer(server.proc));

  test('--dry-run --json reads every record, page after page', async () => {
    assert.ok(expected.count > PAGE * 2, `the catalogue spans several pages (${expected.count} records)`);
    const r = await runKitap(['harvest', `${server.base}/oai`, '--dry-run', '--json'], {
      env: { DATA_DIR: path.join(tmp, 'unused') },
    });
    assert.equal(r.code, 0, r.stderr);
    const records = JSON.parse(r.stdout) as ImportRecord[];
    assert.equal(records.length, expected.count);
    assert.deepEqual(records.map((x) => x.source_key).sort(), expected.ids.map((id) => `oai:${id}`).sort());
    assert.match(
      r.stderr,
      new RegExp(`page ${Math.ceil(expected.count / PAGE)}: \\d+ records \\(${expected.count} of ${expected.count}\\)`),
    );
    assert.match(r.stderr, new RegExp(`OAI-PMH oai_dc, ${Math.ceil(expected.count / PAGE)} pages`));
    for (const rec of records) {
      assert.ok(rec.title, `${rec.source_key} has a title`);
      assert.ok(rec.languages.length, `${rec.source_key} has languages`);
    }
    // The source's kinds come back as kinds; its people as people, its organisations whole.
    assert.ok(records.some((x) => x.kind !== 'report'));
    assert.ok(records.some((x) => x.authors.some((a) => a.organisation)));
    assert.ok(
      records.every((x) => x.authors.every((a) => a.organisation || !/,/.test(a.name))),
      'no "Family, Given" left',
    );
  });

  for (const backend of BACKENDS) {
    test(`a harvest writes drafts; harvesting again creates nothing (${backend})`, async (t) => {
      const env: Record<string, string> = { DATA_DIR: path.join(tmp, `target-${backend}`) };
      let drop = async () => {};
      if (backend === 'postgres') {
        if (!(await postgresAvailable())) return t.skip('PostgreSQL not reachable');
        const pg = await createPgDatabase();
        env.DATABASE_URL = pg.url;
        drop = pg.drop;
      }
      try {
        // LOAD_DEMO has no say here: the harvest command never loads the demo.
        const first = await runKitap(['harvest', `${server.base}/oai`], { env });
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stdout, new RegExp(`^${expected.count} created, 0 unchanged, 0 changed`));
        const second = await runKitap(['harvest', `${server.base}/oai`], { env });
        assert.equal(second.code, 0, second.stderr);
        assert.match(second.stdout, new RegExp(`^0 created, ${expected.count} unchanged, 0 changed`));
        const db =
          backend === 'postgres'
            ? await openDb({ databaseUrl: env.DATABASE_URL })
            : await openDb({ pgliteDir: path.join(env.DATA_DIR!, 'pglite') });
        try {
          assert.equal(await publicationCount(db), expected.count);
          const rows = await db.query<{ slug: string; status: string }>('select slug, status from publications');
          assert.ok(rows.every((r) => r.status === 'draft'));
          const one = await publicationBySlug(db, rows[0]!.slug);
          assert.ok(one && Object.keys(one.title).length > 0);
        } finally {
          await db.close();
        }
      } finally {
        await drop();
      }
    });
  }
});

describe('kitap harvest from a repository that answers badly', () => {
  let base = '';
  const srv = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const oai = (body: string) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><request>${base}</request>${body}</OAI-PMH>`,
      );
    };
    const record = (id: string) =>
      `<record><header><identifier>${id}</identifier><datestamp>2020-01-01</datestamp></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Record ${id}</dc:title><dc:date>2020</dc:date></oai_dc:dc></metadata></record>`;
    switch (url.pathname) {
      case '/badargument':
        return oai('<error code="badArgument">Illegal argument: from</error>');
      case '/nomatch':
        return oai('<error code="noRecordsMatch">No records match</error>');
      case '/error500':
        res.writeHead(500);
        return res.end('Internal Server Error');
      case '/html':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        return res.end('<!doctype html><html><body>Welcome</body></html>');
      case '/broken':
        // The first page is fine; the second breaks off in the middle of a record.
        if (url.searchParams.get('resumptionToken')) {
          res.writeHead(200, { 'Content-Type': 'text/xml' });
          return res.end(
            `<?xml version="1.0"?><OAI-PMH><ListRecords>${record('oai:x:2')}<record><header><identifier>oai:x:3`,
          );
        }
        return oai(`<ListRecords>${record('oai:x:1')}<resumptionToken>next</resumptionToken></ListRecords>`);
      case '/mismatched':
        // A record cut off, then the envelope closed around it.
        return oai(`<ListRecords>${record('oai:x:1')}<record><header><identifier>oai:x:3</ListRecords>`);
      case '/notitle':
        return oai(
          `<ListRecords>${record('oai:x:1')}<record><header><identifier>oai:x:2</identifier><datestamp>2020-01-01</datestamp></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:date>2020</dc:date></oai_dc:dc></metadata></record></ListRecords>`,
        );
      case '/slow':
        setTimeout(() => oai(`<ListRecords>${record('oai:x:1')}</ListRecords>`), 5000).unref();
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  before(async () => {
    await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  });
  after(() => {
    srv.closeAllConnections();
    srv.close();
  });

  const cases: Array<[string, string[], RegExp]> = [
    [
      '/badargument',
      ['--from', '2020-01-01'],
      /OAI error badArgument \("Illegal argument: from"\): the repository says the request has a bad argument/,
    ],
    ['/nomatch', ['--set', 'reports'], /OAI error noRecordsMatch .*nothing to harvest/],
    ['/error500', [], /the repository answered HTTP 500 Internal Server Error/],
    ['/html', [], /not OAI-PMH XML \(its root element is <html>\)/],
    ['/broken', [], /not well-formed XML: <[^>]+> is never closed/],
    ['/mismatched', [], /not well-formed XML: <[^>]+> is never closed/],
    ['/slow', ['--timeout', '1'], /no complete answer within 1 s/],
    ['/missing', [], /HTTP 404/],
  ];
  for (const [where, args, message] of cases) {
    test(`${where}: a clear message, exit code 1, nothing written`, async () => {
      const dir = fs.mkdtempSync(path.join(tmp, 'bad-'));
      const r = await runKitap(['harvest', `${base}${where}`, ...args], { env: { DATA_DIR: dir } });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Nothing was written\./);
      assert.ok(!fs.existsSync(path.join(dir, 'pglite')), 'no database was opened');
    });
  }

  test('a record without a title is listed as not used, the others are harvested', async () => {
    const r = await runKitap(['harvest', `${base}/notitle`, '--dry-run', '--json'], {
      env: { DATA_DIR: path.join(tmp, 'unused') },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as ImportRecord[]).map((x) => x.source_key),
      ['oai:oai:x:1'],
    );
    assert.match(r.stderr, /line 2: "oai:x:2" — no dc:title in the record/);
  });

  test('bad arguments are usage errors (exit code 2)', async () => {
    const r = await runKitap(['harvest', 'ftp://example.org/oai']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /an http:\/\/ or https:\/\/ address/);
    const d = await runKitap(['harvest', `${base}/nomatch`, '--from', 'yesterday']);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /--from yesterday: a date as YYYY-MM-DD/);
  });
});

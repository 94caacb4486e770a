// `kitap harvest`: Kitap harvesting another Kitap over real HTTP (the demo catalogue, served with a small
// OAI page so that resumption tokens are followed), and repositories that answer badly (OAI errors, HTTP
// errors, broken XML, too slowly), each refused with a message, exit code 1 and nothing written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, type TestContext, test } from 'node:test';
import { type Db, openDb } from '../src/db/db.ts';
import type { ImportRecord } from '../src/import-page/record.ts';
import { publicationBySlug, publicationCount } from '../src/store/publications.ts';
import {
  type Backend,
  BACKENDS,
  createPgDatabase,
  postgresAvailable,
  runKitap,
  startServer,
  stopServer,
} from './helpers.ts';
import { modsSchema, validate, validationUnavailable } from './oai-xml.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-harvest-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PAGE = 7;

/**
 * Harvests `url` twice into a new data folder on `backend`: `count` drafts created the first time, nothing
 * the second; then `check` looks at the database.
 */
async function harvestTwice(
  t: TestContext,
  backend: Backend,
  dir: string,
  url: string,
  count: number,
  check: (db: Db) => Promise<void>,
): Promise<void> {
  const env: Record<string, string> = { DATA_DIR: path.join(tmp, dir) };
  let drop = async () => {};
  if (backend === 'postgres') {
    if (!(await postgresAvailable())) return t.skip('PostgreSQL not reachable');
    const pg = await createPgDatabase();
    env.DATABASE_URL = pg.url;
    drop = pg.drop;
  }
  try {
    // LOAD_DEMO has no say here: the harvest command never loads the demo.
    const first = await runKitap(['harvest', url], { env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`^${count} created, 0 unchanged, 0 changed`));
    const second = await runKitap(['harvest', url], { env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`^0 created, ${count} unchanged, 0 changed`));
    const db =
      backend === 'postgres'
        ? await openDb({ databaseUrl: env.DATABASE_URL })
        : await openDb({ pgliteDir: path.join(env.DATA_DIR!, 'pglite') });
    try {
      assert.equal(await publicationCount(db), count);
      await check(db);
    } finally {
      await db.close();
    }
  } finally {
    await drop();
  }
}

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

  // Kitap lists MODS beside oai_dc: MODS is chosen unless oai_dc is asked for; both read every record.
  const harvested: Partial<Record<'mods' | 'oai_dc', ImportRecord[]>> = {};
  for (const format of ['mods', 'oai_dc'] as const) {
    test(`--dry-run --json reads every record, page after page (${format})`, async () => {
      assert.ok(expected.count > PAGE * 2, `the catalogue spans several pages (${expected.count} records)`);
      const r = await runKitap(
        [
          'harvest',
          `${server.base}/oai`,
          '--dry-run',
          '--json',
          ...(format === 'oai_dc' ? ['--format', 'oai_dc'] : []),
        ],
        { env: { DATA_DIR: path.join(tmp, 'unused') } },
      );
      assert.equal(r.code, 0, r.stderr);
      const records = JSON.parse(r.stdout) as ImportRecord[];
      harvested[format] = records;
      assert.equal(records.length, expected.count);
      assert.deepEqual(records.map((x) => x.source_key).sort(), expected.ids.map((id) => `oai:${id}`).sort());
      assert.match(
        r.stderr,
        new RegExp(
          `page ${Math.ceil(expected.count / PAGE)}: \\d+ records \\(${expected.count} of ${expected.count}\\)`,
        ),
      );
      assert.match(
        r.stderr,
        new RegExp(
          `OAI-PMH ${format}${format === 'mods' ? ' \\(offered beside oai_dc, and richer\\)' : ''}, ${Math.ceil(expected.count / PAGE)} pages`,
        ),
      );
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
  }

  test('MODS keeps what oai_dc flattens: the same titles and years, and roles, kinds and pages', () => {
    const mods = harvested.mods;
    const dc = harvested.oai_dc;
    assert.ok(mods && dc, 'both harvests ran');
    const byKey = new Map(dc.map((x) => [x.source_key, x]));
    for (const m of mods) {
      const d = byKey.get(m.source_key)!;
      // oai_dc runs a subtitle into the title, MODS keeps it apart; MODS marks the primary title where oai_dc
      // leaves the harvester to pick one of the titles by language.
      const dcTitles = [d.title, ...Object.values(d.other_titles ?? {})];
      assert.ok(dcTitles.includes(m.subtitle ? `${m.title}: ${m.subtitle}` : m.title), m.source_key);
      assert.equal(Object.keys(m.other_titles ?? {}).length, Object.keys(d.other_titles ?? {}).length, m.source_key);
      assert.equal(m.year, d.year, m.source_key);
      assert.deepEqual(m.languages, d.languages, m.source_key);
    }
    // Every record's kind is stated in MODS (genre); pages and editors are only in MODS.
    assert.ok(mods.every((x) => x.field_confidence.kind === 0.95));
    assert.ok(mods.filter((x) => x.pages).length > dc.filter((x) => x.pages).length);
    assert.ok(mods.some((x) => x.authors.some((a) => a.role !== 'author' && a.role !== 'contributor')));
    assert.ok(mods.some((x) => x.subtitle));
  });

  for (const backend of BACKENDS) {
    test(`a harvest writes drafts; harvesting again creates nothing (${backend})`, (t) =>
      harvestTwice(t, backend, `target-${backend}`, `${server.base}/oai`, expected.count, async (db) => {
        const rows = await db.query<{ slug: string; status: string }>('select slug, status from publications');
        assert.ok(rows.every((r) => r.status === 'draft'));
        const one = await publicationBySlug(db, rows[0]!.slug);
        assert.ok(one && Object.keys(one.title).length > 0);
      }));
  }
});

describe('kitap harvest of MODS from DSpace- and EPrints-shaped records', () => {
  const fixture = fs.readFileSync(new URL('./fixtures/harvest/mods-list-records.xml', import.meta.url), 'utf8');
  let base = '';
  const asked: string[] = [];
  const srv = http.createServer((req, res) => {
    const q = new URL(req.url!, 'http://x').searchParams;
    asked.push(`${q.get('verb')} ${q.get('metadataPrefix') ?? ''}`.trim());
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    const envelope = (body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><request>${base}</request>${body}</OAI-PMH>`;
    if (q.get('verb') === 'ListMetadataFormats')
      return res.end(
        envelope(
          '<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat><metadataFormat><metadataPrefix>mods</metadataPrefix><schema>http://www.loc.gov/standards/mods/v3/mods-3-8.xsd</schema><metadataNamespace>http://www.loc.gov/mods/v3</metadataNamespace></metadataFormat></ListMetadataFormats>',
        ),
      );
    if (q.get('metadataPrefix') === 'mods') return res.end(fixture);
    // oai_dc: the first record only, as DSpace's oai_dc crosswalk flattens it.
    return res.end(
      envelope(
        '<ListRecords><record><header><identifier>oai:dspace.example.org:10986/31723</identifier><datestamp>2019-05-14T10:12:49Z</datestamp></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Migration and Forgone Schooling in Tajikistan</dc:title><dc:creator>Abdulloev, Ilhom</dc:creator><dc:creator>Epstein, Gil S.</dc:creator><dc:contributor>Gang, Ira N.</dc:contributor><dc:date>2019-05</dc:date><dc:type>Working Paper</dc:type><dc:identifier>http://hdl.handle.net/10986/31723</dc:identifier><dc:language>en_US</dc:language></oai_dc:dc></metadata></record></ListRecords>',
      ),
    );
  });
  before(async () => {
    await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/oai/request`;
  });
  after(() => {
    srv.closeAllConnections();
    srv.close();
  });

  test('the fixture is valid MODS 3.8 in OAI-PMH', (t) => {
    const why = validationUnavailable() ?? (modsSchema() ? null : 'no MODS schema in ../shared/standards');
    if (why) return t.skip(why);
    const v = validate(fixture);
    assert.ok(v.ok, v.message);
  });

  test('MODS is chosen from ListMetadataFormats, and each field lands where it belongs', async () => {
    asked.length = 0;
    const r = await runKitap(['harvest', base, '--dry-run', '--json'], { env: { DATA_DIR: path.join(tmp, 'unused') } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(asked, ['ListMetadataFormats', 'ListRecords mods']);
    assert.match(r.stderr, /OAI-PMH mods \(offered beside oai_dc, and richer\), 1 page, 1 deleted records left out/);
    const [dspace, eprints, kz, ...rest] = JSON.parse(r.stdout) as ImportRecord[];
    assert.equal(rest.length, 0);
    const people = (x: ImportRecord) => x.authors.map((a) => `${a.name}/${a.role}${a.organisation ? '/org' : ''}`);

    assert.equal(dspace!.source_key, 'oai:oai:dspace.example.org:10986/31723');
    assert.equal(dspace!.title, 'Migration and Forgone Schooling in Tajikistan');
    assert.equal(dspace!.year, 2019);
    // Its genre is read, but Kitap has no kind "working paper": the report says so.
    assert.equal(dspace!.kind, 'report');
    assert.match(r.stderr, /kind "Working Paper" not understood; taken as a report/);
    assert.deepEqual(dspace!.languages, ['en']);
    assert.deepEqual(people(dspace!), ['Ilhom Abdulloev/author', 'Gil S. Epstein/author', 'Ira N. Gang/editor']);
    assert.deepEqual(dspace!.identifiers?.map((i) => `${i.scheme}:${i.value}`).sort(), [
      'doi:10.1596/1813-9450-8848',
      'handle:http://hdl.handle.net/10986/31723',
    ]);
    assert.ok(dspace!.topics.includes('labour-migration'), dspace!.topics.join());
    assert.deepEqual(dspace!.countries, ['TJ']);

    assert.equal(eprints!.title, 'The Return of Migrant Workers to the Fergana Valley');
    assert.equal(eprints!.subtitle, 'A Survey of Households');
    assert.deepEqual([eprints!.year, eprints!.kind, eprints!.pages, eprints!.place], [2018, 'report', 96, 'Bishkek']);
    assert.deepEqual(eprints!.languages, ['en', 'ky']);
    assert.deepEqual(people(eprints!), ['Aigerim Sultanova/author']);
    assert.deepEqual(
      eprints!.publishers.map((p) => p.name),
      ['International Organization for Migration'],
    );
    assert.equal(eprints!.series, 'Migration Research Series');
    assert.deepEqual(eprints!.file_urls, ['https://eprints.example.org/412/1/return-fergana.pdf']);
    assert.equal(eprints!.external_url, 'https://eprints.example.org/412/');
    assert.ok(eprints!.identifiers?.some((i) => i.scheme === 'isbn' && i.value === '978-9967-05-112-6'));
    assert.ok(eprints!.topics.includes('return-migration'), eprints!.topics.join());

    assert.equal(kz!.title, 'Қазақстандағы еңбек көші-қонының әлеуметтік салдары');
    assert.deepEqual(kz!.other_titles, { ru: 'Социальные последствия трудовой миграции в Казахстане' });
    assert.deepEqual([kz!.year, kz!.kind, kz!.pages, kz!.place], [2021, 'handbook', 120, 'Алматы']);
    assert.deepEqual(kz!.languages, ['kk', 'ru']);
    assert.deepEqual(people(kz!), ['Дана Нурланова/editor']);
    assert.deepEqual(
      kz!.funders.map((f) => f.name),
      ['Еуропалық Одақ'],
    );
    assert.deepEqual(
      kz!.publishers.map((p) => p.name),
      ['Халықаралық көші-қон ұйымы'],
    );
    assert.ok(kz!.topics.includes('labour-migration'), kz!.topics.join());
    assert.deepEqual(kz!.countries, ['KZ']);
  });

  test('--format oai_dc asks for oai_dc alone; the same record, flatter', async () => {
    asked.length = 0;
    const r = await runKitap(['harvest', base, '--format', 'oai_dc', '--dry-run', '--json'], {
      env: { DATA_DIR: path.join(tmp, 'unused') },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(asked, ['ListRecords oai_dc']);
    const [dc] = JSON.parse(r.stdout) as ImportRecord[];
    assert.equal(dc!.title, 'Migration and Forgone Schooling in Tajikistan');
    assert.deepEqual(dc!.languages, ['en']);
    // oai_dc cannot say that the third person edited the paper.
    assert.deepEqual(
      dc!.authors.map((a) => a.role),
      ['author', 'author', 'contributor'],
    );
  });

  for (const backend of BACKENDS) {
    test(`MODS records are written as drafts; harvesting again creates nothing (${backend})`, (t) =>
      harvestTwice(t, backend, `mods-${backend}`, base, 3, async (db) => {
        const rows = await db.query<{ slug: string }>('select slug from publications order by slug');
        const all = await Promise.all(rows.map((r) => publicationBySlug(db, r.slug)));
        const kz = all.find(
          (p) => p && Object.values(p.title).includes('Қазақстандағы еңбек көші-қонының әлеуметтік салдары'),
        );
        assert.ok(kz, 'the Kazakh record is there');
        assert.equal((kz.title as Record<string, string>).ru, 'Социальные последствия трудовой миграции в Казахстане');
      }));
  }

  test('--format mods where the repository offers none: a clear message, nothing written', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'nomods-'));
    const other = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(
        '<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-01-01T00:00:00Z</responseDate><request>x</request><ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat></ListMetadataFormats></OAI-PMH>',
      );
    });
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    try {
      const r = await runKitap(
        ['harvest', `http://127.0.0.1:${(other.address() as AddressInfo).port}/oai`, '--format', 'mods'],
        { env: { DATA_DIR: dir } },
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /does not offer MODS \(it offers oai_dc\): harvest with --format oai_dc/);
      assert.match(r.stderr, /Nothing was written\./);
      assert.ok(!fs.existsSync(path.join(dir, 'pglite')), 'no database was opened');
    } finally {
      other.closeAllConnections();
      other.close();
    }
  });
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

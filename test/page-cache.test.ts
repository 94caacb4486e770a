// Item pages served from memory: the same bytes and an ETag, without a statement to the database, until a
// write changes something on the page (the database notifies it: migration 0083); a write drops only the
// pages it changes; never stale, including after a command's write or a lost listening connection.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { publicationIdBySlug, replacePublication } from '../src/store/publications.ts';
import {
  BACKENDS,
  countingDb,
  createPgDatabase,
  makePublication,
  openTestApp,
  postgresAvailable,
  pubInput,
  runKitap,
  startServer,
  stopServer,
  type TestApp,
} from './helpers.ts';

/** Polls `check` every 10 ms for at most `ms`: a notification from another process arrives a moment after its commit. */
async function soon(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10)))
    if (await check()) return true;
  return check();
}

for (const backend of BACKENDS) {
  describe(`item page copies on ${backend}`, () => {
    let t: TestApp | null;
    /** The app on a database that counts the statements it is sent. */
    let app: ReturnType<typeof buildApp>;
    let statements: () => number;
    let sql: string[];
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      const counted = countingDb(t.db);
      statements = counted.statements;
      sql = counted.sql;
      app = buildApp({ ...t.deps, db: counted.db });
      await makePublication(t.db, {
        slug: 'cached',
        year: 2019,
        title: { en: 'Seasonal Work Abroad', ru: 'Сезонная работа за рубежом' },
        people: [{ name: 'Dana Omarova', role: 'author' }],
      });
    });
    after(async () => t?.close());
    const gz = { headers: { 'Accept-Encoding': 'gzip' } };
    const html = async (path: string) => {
      const before = statements();
      const r = await app.request(path, gz);
      assert.equal(r.status, 200, path);
      return {
        etag: r.headers.get('ETag'),
        body: gunzipSync(Buffer.from(await r.arrayBuffer())).toString('utf8'),
        encoding: r.headers.get('Content-Encoding'),
        cache: r.headers.get('X-Cache'),
        statements: statements() - before,
      };
    };

    test('a second request gets the same bytes and ETag; If-None-Match gets 304; without gzip, plain HTML', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const first = await html('/publications/cached');
      const second = await html('/publications/cached');
      assert.equal(first.cache, 'MISS');
      assert.ok(first.statements > 0, 'the first request renders the page');
      assert.equal(second.cache, 'HIT');
      assert.equal(second.statements, 0, 'a copy is served without a statement to the database');
      assert.equal(first.encoding, 'gzip');
      assert.ok(first.etag);
      assert.equal(second.etag, first.etag);
      assert.equal(second.body, first.body);
      assert.match(first.body, /Seasonal Work Abroad/);
      const before = statements();
      const notModified = await app.request('/publications/cached', { headers: { 'If-None-Match': first.etag! } });
      assert.equal(notModified.status, 304);
      assert.equal(await notModified.text(), '');
      const plain = await app.request('/publications/cached');
      assert.equal(statements(), before);
      assert.equal(plain.headers.get('Content-Encoding'), null);
      assert.equal(await plain.text(), first.body);
      assert.match(plain.headers.get('Content-Type') ?? '', /text\/html/);
      assert.ok(plain.headers.get('Content-Security-Policy'), 'the security headers are still sent');
      assert.match(
        (await html('/ru/publications/cached')).body,
        /Сезонная работа за рубежом/,
        'each language has its own copy',
      );
    });

    test('an edit, a renamed author or an unpublished record shows at once', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = await html('/publications/cached');
      const id = (await publicationIdBySlug(t!.db, 'cached'))!;
      await replacePublication(
        t!.db,
        id,
        pubInput({
          slug: 'cached',
          year: 2019,
          title: { en: 'Seasonal Work in Russia' },
          people: [{ name: 'Dana Omarova', role: 'author' }],
        }),
      );
      const edited = await html('/publications/cached');
      assert.match(edited.body, /Seasonal Work in Russia/);
      assert.notEqual(edited.etag, before.etag);
      await t!.db.query(`update people set names = '{"en": "Dana Omarova-Seitkali"}' where name = 'Dana Omarova'`);
      assert.match((await html('/publications/cached')).body, /Dana Omarova-Seitkali/);
      await t!.db.query(`update publications set status = 'draft' where id = $1`, [id]);
      assert.equal((await app.request('/publications/cached', gz)).status, 404);
    });

    test('a write drops the pages of its publication and of those showing it, and leaves the others', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await makePublication(t.db, { slug: 'alpha', title: { en: 'Alpha Study' } });
      await makePublication(t.db, {
        slug: 'beta',
        title: { en: 'Beta Review' },
        people: [{ name: 'Beta Author', role: 'author' }],
      });
      await makePublication(t.db, {
        slug: 'gamma',
        title: { en: 'Gamma Summary' },
        relations: [{ type: 'summaryOf', target: 'alpha' }],
      });
      const pages = ['/publications/alpha', '/ru/publications/alpha', '/publications/alpha?utm=x'];
      const others = ['/publications/beta', '/publications/gamma'];
      for (const p of [...pages, ...others]) await html(p);
      for (const p of [...pages, ...others]) {
        const again = await html(p);
        assert.equal(again.cache, 'HIT', p);
        assert.equal(again.statements, 0, p);
      }
      const beta = await html('/publications/beta');
      assert.match((await html('/publications/gamma')).body, /Alpha Study/, 'the related publication is named');

      const id = (await publicationIdBySlug(t.db, 'alpha'))!;
      await replacePublication(t.db, id, pubInput({ slug: 'alpha', title: { en: 'Alpha Study Revised' } }));
      const untouched = await html('/publications/beta');
      assert.equal(untouched.cache, 'HIT', 'another publication keeps its copy');
      assert.equal(untouched.statements, 0);
      assert.equal(untouched.etag, beta.etag);
      for (const p of pages) {
        const fresh = await html(p);
        assert.equal(fresh.cache, 'MISS', `${p}: every language and address of the written publication`);
        assert.match(fresh.body, p.startsWith('/ru') ? /Alpha Study Revised|lang="en"/ : /Alpha Study Revised/);
      }
      const gamma = await html('/publications/gamma');
      assert.equal(gamma.cache, 'MISS', 'a page showing the written publication');
      assert.match(gamma.body, /Alpha Study Revised/);

      // An entity renamed: the pages that show it, only.
      await t.db.query(`update people set names = '{"en": "Beta Author-Renamed"}' where name = 'Beta Author'`);
      assert.equal((await html('/publications/alpha')).cache, 'HIT');
      const renamed = await html('/publications/beta');
      assert.equal(renamed.cache, 'MISS');
      assert.match(renamed.body, /Beta Author-Renamed/);
    });

    test('browsing asks nothing about the facet index while no write changed it, and sees a write at once', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const browse = async () => {
        const from = sql.length;
        const r = await app.request('/publications?kind=report');
        assert.equal(r.status, 200);
        return { body: await r.text(), asked: sql.slice(from).filter((s) => /search_state|facet_keys/.test(s)) };
      };
      await browse();
      assert.deepEqual((await browse()).asked, [], 'the facet index is current: no statement reads it again');
      await makePublication(t.db, { slug: 'epsilon', title: { en: 'Epsilon Report' }, status: 'published' });
      const after = await browse();
      assert.ok(after.asked.length > 0, 'reloaded after the write');
      assert.match(after.body, /Epsilon Report/);
    });

    test('the home page and browsing are kept; a new, edited or unpublished record, a renamed funder show at once; a search is not kept', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await makePublication(t.db, {
        slug: 'funded',
        title: { en: 'Funded Survey' },
        organisations: [{ name: 'Fund for Mobility', role: 'funder' }],
      });
      const listings = [
        '/',
        '/ru',
        '/publications?kind=report',
        '/publications?kind=report&page=1',
        '/kk/publications',
      ];
      for (const p of listings) await html(p);
      for (const p of listings) {
        const again = await html(p);
        assert.equal(again.cache, 'HIT', p);
        assert.equal(again.statements, 0, `${p}: served without a statement`);
      }
      const expectFresh = async (why: string, check: (body: string, path: string) => boolean) => {
        for (const p of listings) {
          const fresh = await html(p);
          assert.equal(fresh.cache, 'MISS', `${p}: ${why}`);
          assert.ok(check(fresh.body, p), `${p} shows it: ${why}`);
        }
        for (const p of listings) assert.equal((await html(p)).cache, 'HIT', `${p} kept again`);
      };

      // A publication created as published: no item page had it, so only 'facets' says so.
      await makePublication(t.db, { slug: 'zeta', title: { en: 'Zeta Newcomer' }, status: 'published' });
      await expectFresh('a new published record', (body) => /Zeta Newcomer/.test(body));
      const zeta = (await publicationIdBySlug(t.db, 'zeta'))!;
      await replacePublication(
        t.db,
        zeta,
        pubInput({ slug: 'zeta', title: { en: 'Zeta Retitled' }, status: 'published' }),
      );
      await expectFresh('an edit', (body) => /Zeta Retitled/.test(body) && !/Zeta Newcomer/.test(body));
      await t.db.query(`update organisations set name = '{"en": "Mobility Fund (renamed)"}' where slug = $1`, [
        (await t.db.one<{ slug: string }>(`select slug from organisations where name->>'en' = 'Fund for Mobility'`))!
          .slug,
      ]);
      const browse = await html('/publications?kind=report');
      assert.equal(browse.cache, 'MISS', 'a renamed funder');
      assert.match(browse.body, /Mobility Fund \(renamed\)/, 'the funder facet names it');
      await t.db.query(`update publications set status = 'draft' where id = $1`, [zeta]);
      await expectFresh('unpublished', (body) => !/Zeta Retitled/.test(body));

      // A search depends on more than the records (the files' text, the words known): rendered each time.
      const searched = '/publications?q=Funded';
      await html(searched);
      const again = await html(searched);
      assert.notEqual(again.cache, 'HIT');
      assert.ok(again.statements > 0, 'a search asks the database');
      assert.match(again.body, /Funded Survey/);
    });

    if (backend === 'postgres')
      test('a lost listening connection drops every copy; copies are kept again once it listens again', async (ctx) => {
        if (!t) return ctx.skip('PostgreSQL not reachable');
        await makePublication(t.db, { slug: 'delta', title: { en: 'Delta Notes' } });
        await html('/publications/delta');
        assert.equal((await html('/publications/delta')).cache, 'HIT');
        const listener = `select pid from pg_stat_activity where application_name = 'kitap listener' and datname = current_database()`;
        const [old] = await t.db.query<{ pid: number }>(listener);
        assert.ok(old, 'one connection listens');
        await t.db.query('select pg_terminate_backend($1)', [old.pid]);
        // The copy goes as soon as the loss is noticed (an event a moment after the backend ends).
        assert.ok(await soon(async () => (await html('/publications/delta')).cache === 'MISS'), 'dropped');
        assert.ok(
          await soon(async () => (await html('/publications/delta')).cache === 'HIT'),
          'kept again once listening',
        );
        const [now] = await t.db.query<{ pid: number }>(listener);
        assert.ok(now && now.pid !== old.pid, 'a new connection listens');
      });
  });
}

for (const backend of BACKENDS) {
  describe(`a command's write and a running server's copies (${backend})`, () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-cache-'));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    test('kitap import --update (through the socket on PGlite) shows at once and drops only its page', async (ctx) => {
      const env: Record<string, string> = { DATA_DIR: path.join(tmp, 'data'), LOAD_DEMO: 'never' };
      let drop = async () => {};
      if (backend === 'postgres') {
        if (!(await postgresAvailable())) return ctx.skip('PostgreSQL not reachable');
        const created = await createPgDatabase();
        env.DATABASE_URL = created.url;
        drop = created.drop;
      }
      const server = await startServer(env);
      try {
        const sheet = path.join(tmp, 'sheet.csv');
        fs.writeFileSync(sheet, 'id,title,year\n1,Remittances in Osh,2019\n2,Border Crossings,2020\n');
        const imported = await runKitap(['import', sheet, '--publish'], { env });
        assert.equal(imported.code, 0, imported.stderr);
        const list = (await (await fetch(`${server.base}/api/v1/publications?per_page=10`)).json()) as {
          items: Array<{ slug: string; title: string }>;
        };
        const slugOf = (title: string) => list.items.find((i) => i.title === title)!.slug;
        const osh = `${server.base}/publications/${slugOf('Remittances in Osh')}`;
        const border = `${server.base}/publications/${slugOf('Border Crossings')}`;
        for (const url of [osh, border]) await fetch(url);
        for (const url of [osh, border]) assert.equal((await fetch(url)).headers.get('X-Cache'), 'HIT', url);

        fs.writeFileSync(sheet, 'id,title,year\n1,Remittances in Osh and Jalal-Abad,2019\n2,Border Crossings,2020\n');
        const updated = await runKitap(['import', sheet, '--update'], { env });
        assert.equal(updated.code, 0, updated.stderr);
        assert.match(updated.stdout, /1 changed \(updated\)/);
        // On PGlite the server hears the command's commit in the command's own exchange; on PostgreSQL a moment
        // after it: a bounded wait of at most 3 s, polled every 10 ms.
        assert.ok(
          await soon(async () => /Remittances in Osh and Jalal-Abad/.test(await (await fetch(osh)).text())),
          'the edit shows',
        );
        assert.equal((await fetch(border)).headers.get('X-Cache'), 'HIT', 'the other page keeps its copy');
      } finally {
        await stopServer(server.proc);
        await drop();
      }
    });
  });
}

// The record an item page shows, kept whole in the database (issue 16 item 4; migration 0092, src/store/
// publications.ts publicationBySlug): what a reader gets from a kept record is what the detail query gives, on
// PGlite and PostgreSQL; every write to what the record shows (a name, a related publication, an identifier, a
// file, a citation) is seen at once; a record kept by another version of Kitap, or past an embargo's end, is read
// again; the server's filler keeps what is missing; and on PostgreSQL a reader never waits for a writer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { PublicationDetail } from '../src/domain/records.ts';
import { DETAIL_SQL, fillPublicationDocs, publicationBySlug } from '../src/store/publications.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

const SHA = 'a'.repeat(64);

for (const backend of BACKENDS) {
  describe(`kept item page records on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      await makePublication(t.db, {
        slug: 'labour-migration-2020',
        kind: 'report',
        year: 2020,
        title: { en: 'Labour Migration from Kyrgyzstan', ru: 'Трудовая миграция из Кыргызстана' },
        people: [{ name: 'Aigerim Bekova', role: 'author' }],
        organisations: [{ name: 'Migration Research Centre', role: 'publisher' }],
        projects: [{ name: 'Safe Labour Migration' }],
      });
      await makePublication(t.db, {
        slug: 'labour-migration-summary-2020',
        kind: 'summary',
        year: 2020,
        title: { en: 'Labour Migration: a Summary' },
        relations: [{ type: 'summaryOf', target: 'labour-migration-2020' }],
      });
      const { id } = (await t.db.one<{ id: number }>(
        "select id from publications where slug = 'labour-migration-2020'",
      ))!;
      await t.db.query(
        `insert into files (publication_id, sha256, original_name, media_type, size, embargo_until)
         values ($1, $2, 'report.pdf', 'application/pdf', 1234, null), ($1, $3, 'annex.pdf', 'application/pdf', 99, current_date + 1)`,
        [id, SHA, 'b'.repeat(64)],
      );
    });
    after(async () => t?.close());

    const detailRow = (slug: string) => t!.db.one<PublicationDetail>(`${DETAIL_SQL} where p.slug = $1`, [slug]);
    const keptRow = (slug: string) =>
      t!.db.one<{ doc: string | null; stale_on: string | null }>(
        'select d.doc, d.stale_on from publication_docs d join publications p on p.id = d.publication_id where p.slug = $1',
        [slug],
      );
    const read = async (slug: string) => (await publicationBySlug(t!.db, slug))!;

    test('a record is kept when written and read as the detail query gives it, types included', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      // The summary was kept when written; the report's was dropped by the summary's relation and the files.
      assert.notEqual((await keptRow('labour-migration-summary-2020'))!.doc, null);
      assert.equal((await keptRow('labour-migration-2020'))!.doc, null);
      for (const slug of ['labour-migration-2020', 'labour-migration-summary-2020']) {
        const live = await read(slug); // read, and kept
        assert.notEqual((await keptRow(slug))!.doc, null, `${slug} kept`);
        const kept = await read(slug);
        assert.deepEqual(kept, live);
        assert.deepEqual(kept, await detailRow(slug));
        assert.ok(kept.created_at instanceof Date && kept.updated_at instanceof Date);
      }
      const report = await read('labour-migration-2020');
      assert.deepEqual(
        report.files.map((f) => f.original_name),
        ['report.pdf'],
        'the embargoed annex is not there',
      );
      assert.deepEqual(
        report.relations_in.map((r) => r.slug),
        ['labour-migration-summary-2020'],
      );
    });

    test('a new publication naming the same person and project leaves the others’ kept records alone', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = 'labour-migration-2020';
      await read(slug);
      const gen = () =>
        t!.db.one<{ gen: number }>(
          'select d.gen from publication_docs d join publications p on p.id = d.publication_id where p.slug = $1',
          [slug],
        );
      const before = await gen();
      await makePublication(t.db, {
        slug: 'remittances-2021',
        title: { en: 'Remittances' },
        people: [{ name: 'Aigerim Bekova', role: 'author' }],
        organisations: [{ name: 'Migration Research Centre', role: 'publisher' }],
        projects: [{ name: 'Safe Labour Migration' }],
      });
      // Finding the person and the project wrote nothing to them: their other pages are as they were.
      assert.deepEqual(await gen(), before);
      assert.notEqual((await keptRow(slug))!.doc, null);
      await t.db.query(`delete from publications where slug = 'remittances-2021'`);
    });

    test('each write to what a record shows is seen by the next reader', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const db = t.db;
      const slug = 'labour-migration-2020';
      await read(slug);
      await db.query(`update people set names = '{"en": "Aigerim Nurova"}' where slug = 'aigerim-bekova'`);
      assert.deepEqual(
        (await read(slug)).people.map((p) => p.name),
        [{ en: 'Aigerim Nurova' }],
      );
      await db.query(`update organisations set name = '{"en": "Centre for Migration Research"}'`);
      assert.deepEqual(
        (await read(slug)).organisations.map((o) => o.name),
        [{ en: 'Centre for Migration Research' }],
      );
      await db.query(`update publications set title = '{"en": "Labour Migration in Brief"}' where slug = $1`, [
        'labour-migration-summary-2020',
      ]);
      assert.deepEqual(
        (await read(slug)).relations_in.map((r) => r.title),
        [{ en: 'Labour Migration in Brief' }],
        'a related publication’s new title',
      );
      await db.query(
        `insert into publication_identifiers select id, 'isbn', '9789967000000' from publications where slug = $1`,
        [slug],
      );
      assert.deepEqual((await read(slug)).identifiers, [{ scheme: 'isbn', value: '9789967000000' }]);
      await db.query(`update files set embargo_until = null where original_name = 'annex.pdf'`);
      assert.deepEqual(
        (await read(slug)).files.map((f) => f.original_name),
        ['report.pdf', 'annex.pdf'],
      );
      await read(slug);
      await db.query('delete from publication_citations');
      assert.equal((await read(slug)).citations, null, 'the stored citations as they are now: none');
      assert.deepEqual(await read(slug), await detailRow(slug), 'and as the detail query gives it');
    });

    test('a record kept by another version, or past an embargo’s end, is read again', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = 'labour-migration-summary-2020';
      const real = await read(slug);
      // What another version of Kitap might have kept: not what this one reads.
      const other = JSON.stringify({ ...real, title: { en: 'Kept by another version' } });
      await t.db.query(
        `update publication_docs set doc = $2, version = 'another version'
         where publication_id = (select id from publications where slug = $1)`,
        [slug, other],
      );
      assert.deepEqual((await read(slug)).title, real.title);
      assert.deepEqual(await read(slug), real, 'kept again by this version');

      // A file whose embargo ends tomorrow: the record says so, and is not used from that day on.
      await t.db.query(
        `insert into files (publication_id, sha256, original_name, media_type, size, embargo_until)
         select id, $2, 'data.csv', 'text/csv', 10, current_date + 1 from publications where slug = $1`,
        [slug, 'c'.repeat(64)],
      );
      assert.deepEqual((await read(slug)).files, []);
      const tomorrow = (await t.db.one<{ d: string }>(`select (current_date + 1)::text as d`))!.d;
      assert.equal((await keptRow(slug))!.stale_on, tomorrow);
      // Tomorrow, as the database will see it: the kept row's day has come (its doc marked to tell it apart).
      await t.db.query(
        `update publication_docs set stale_on = current_date, doc = $2
         where publication_id = (select id from publications where slug = $1)`,
        [slug, other],
      );
      assert.deepEqual((await read(slug)).title, real.title, 'read again, not taken from the kept row');
    });

    test('the filler keeps every record that lacks one', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await t.db.query('update publication_docs set doc = null');
      assert.equal(await fillPublicationDocs(t.db), 2);
      assert.equal(
        (await t.db.one<{ n: number }>('select count(*)::int as n from publication_docs where doc is null'))!.n,
        0,
      );
      assert.equal(await fillPublicationDocs(t.db), 0, 'nothing left to keep');
      for (const slug of ['labour-migration-2020', 'labour-migration-summary-2020'])
        assert.deepEqual(await read(slug), await detailRow(slug));
    });

    test('a publication whose row of kept records is missing is still read', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = 'labour-migration-summary-2020';
      const real = await read(slug);
      await t.db.query(
        'delete from publication_docs where publication_id = (select id from publications where slug = $1)',
        [slug],
      );
      assert.deepEqual(await read(slug), real);
      assert.equal(await keptRow(slug), null, 'nothing to keep it in');
      await t.db.query(`insert into publication_docs (publication_id) select id from publications where slug = $1`, [
        slug,
      ]);
    });

    test('a deleted publication takes its kept record with it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await t.db.query(`delete from publications where slug = 'labour-migration-summary-2020'`);
      assert.equal(await publicationBySlug(t.db, 'labour-migration-summary-2020'), null);
      assert.deepEqual((await read('labour-migration-2020')).relations_in, []);
    });

    test('a reader does not wait for a writer, and keeps nothing the writer’s commit changes', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      if (backend !== 'postgres') return ctx.skip('PGlite is one session: a writer and a reader take turns');
      const slug = 'labour-migration-2020';
      await t.db.query('update publication_docs set doc = null');
      const writer = new pg.Client({ connectionString: t.deps.config.DATABASE_URL });
      await writer.connect();
      try {
        await writer.query('begin');
        await writer.query(`update people set names = '{"en": "Aigerim Asanova"}' where slug = 'aigerim-bekova'`);
        // The writer's transaction holds the record's row; the reader answers from before it, at once.
        const answered = await Promise.race([
          read(slug).then((p) => p.people.map((x) => x.name)),
          new Promise((resolve) => setTimeout(resolve, 5000, 'still waiting after 5 s')),
        ]);
        assert.deepEqual(answered, [{ en: 'Aigerim Nurova' }]);
        assert.equal((await keptRow(slug))!.doc, null, 'nothing kept while the writer holds the row');
        await writer.query('commit');
      } finally {
        await writer.end();
      }
      assert.deepEqual(
        (await read(slug)).people.map((p) => p.name),
        [{ en: 'Aigerim Asanova' }],
      );
      assert.deepEqual(await read(slug), await detailRow(slug));
    });
  });
}

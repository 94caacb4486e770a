// A withdrawn publication's page: 410, yet it still identifies and cites the record, says why it went,
// and points to what replaced it; no files, nothing to order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

for (const backend of BACKENDS) {
  describe(`a withdrawn publication's tombstone on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      await makePublication(t.db, {
        slug: 'old-handbook',
        status: 'withdrawn',
        withdrawn_reason: { en: 'Superseded by the 2021 edition.', ru: 'Заменено изданием 2021 года.' },
        year: 2014,
        title: { en: 'Handbook for migrant workers' },
        people: [{ name: 'Aigerim Sultanova', role: 'author' }],
        organisations: [{ name: 'International Organization for Migration', role: 'publisher' }],
        identifiers: [{ scheme: 'isbn', value: '978-601-7000-00-1' }],
      });
      await makePublication(t.db, {
        slug: 'new-handbook',
        status: 'published',
        year: 2021,
        title: { en: 'Handbook for migrant workers, 2021 edition' },
        relations: [{ type: 'followsUp', target: 'old-handbook' }],
      });
    });
    after(() => t?.close());

    test('410 with the title, authors, year, identifiers, citation, reason and the publication to read instead', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const res = await t.get('/publications/old-handbook');
      assert.equal(res.status, 410);
      const html = await res.text();
      assert.match(html, /<h1>Handbook for migrant workers<\/h1>/);
      assert.match(html, /This publication has been withdrawn: Superseded by the 2021 edition\./);
      assert.match(html, /Aigerim Sultanova/);
      assert.match(html, /International Organization for Migration/);
      assert.match(html, /2014/);
      assert.match(html, /978-601-7000-00-1/);
      assert.match(
        html,
        /<h2 id="cite">Cite this publication<\/h2><p>[^<]*Sultanova[^<]*2014[^<]*Handbook for migrant workers/,
      );
      assert.match(
        html,
        /<h2 id="instead">Read instead<\/h2><ul><li><a href="\/publications\/new-handbook">Handbook for migrant workers, 2021 edition<\/a> \(2021\)/,
      );
      assert.match(html, /noindex/);
      assert.doesNotMatch(html, /\/order"|\/files\//);
      // The names are plain text: a person known only from a withdrawn record has no page to link to.
      assert.doesNotMatch(html, /href="\/people\//);
    });

    test("in Russian and Kyrgyz the tombstone speaks the reader's language, the reason too where staff wrote it", async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const ru = await t.get('/ru/publications/old-handbook');
      assert.equal(ru.status, 410);
      assert.match(await ru.text(), /Эта публикация отозвана: Заменено изданием 2021 года\./);
      const ky = await t.get('/ky/publications/old-handbook');
      assert.equal(ky.status, 410);
      const kyHtml = await ky.text();
      assert.match(kyHtml, /Анын ордуна окуңуз/);
      // No Kyrgyz reason was written: the record's own language, marked as such.
      assert.match(kyHtml, /<span lang="en">Superseded by the 2021 edition\.<\/span>/);
    });
  });
}

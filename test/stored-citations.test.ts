// Citations kept with the record (issue 16 item 4; src/cite/stored.ts, migration 0085): the item page's Cite box
// and the /cite exports show what the record says now, after an author or an organisation is renamed and after
// the title is edited, on PGlite and PostgreSQL; a stored citation of another formatter version, or none at all
// (a catalogue from before), is formatted again, and the server's start fills what is missing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CITEPROC_VERSION } from '../src/cite/format.ts';
import { createApiToken } from '../src/store/api-tokens.ts';
import { fillBoxCitations } from '../src/store/publications.ts';
import { userWithHashByEmail } from '../src/store/users.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { makeUser, openStaffApp } from './staff-helpers.ts';

const SITE = 'https://library.example.org';

for (const backend of BACKENDS) {
  describe(`stored citations on ${backend}`, () => {
    let t: TestApp | null;
    let token = '';
    before(async () => {
      t = await openStaffApp(backend, { PUBLIC_URL: SITE });
      if (!t) return;
      const user = (await userWithHashByEmail(t.db, await makeUser(t, 'editor', 'editor@cite.test')))!;
      token = (await createApiToken(t.db, user.id, 'citations', null)).token;
      await makePublication(t.db, {
        slug: 'remittances-2019',
        kind: 'report',
        year: 2019,
        title: { en: 'Remittances in Central Asia' },
        people: [{ name: 'Aigerim Bekova', role: 'author' }],
        organisations: [{ name: 'Migration Research Centre', role: 'publisher' }],
      });
    });
    after(async () => t?.close());

    /** A staff client's change to a record: read its version, then PATCH it; the answer must be 200. */
    const patch = async (path: string, changes: unknown) => {
      const auth = { Authorization: `Bearer ${token}` };
      const { version } = (await (await t!.get(path, { headers: auth })).json()) as { version: string };
      const r = await t!.get(path, {
        method: 'PATCH',
        headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': `"${version}"` },
        body: JSON.stringify(changes),
      });
      assert.equal(r.status, 200, await r.text());
    };
    /** The Cite box's text as a reader sees it (the textarea, entities decoded). */
    const boxOf = async (path: string) => {
      const html = await (await t!.get(path)).text();
      const m = /<textarea id="cite-text"[^>]*>([^<]*)<\/textarea>/.exec(html);
      assert.ok(m, `${path} has a Cite box`);
      return m[1]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
    };
    const exported = async (format: string) =>
      (await t!.get(`/publications/remittances-2019/cite?format=${format}`)).text();
    const storedRows = () =>
      t!.db.query<{ slot: string; version: string; body: string }>(
        `select c.slot, c.version, c.body from publication_citations c join publications p on p.id = c.publication_id
         where p.slug = 'remittances-2019' order by c.slot`,
      );

    test('written with the record: the Cite box shows the stored citation, with the site’s address', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const rows = await storedRows();
      assert.deepEqual(
        rows.map((r) => [r.slot, r.version]),
        [['apa en', CITEPROC_VERSION]],
      );
      const box = await boxOf('/publications/remittances-2019');
      assert.match(box, /^Bekova, A\. \(2019\)\. Remittances in Central Asia\. Migration Research Centre\./);
      assert.ok(box.includes(`${SITE}/publications/remittances-2019`), box);
      assert.equal(`${box}\n`, await exported('apa'), 'the box and the APA export are the same text');
    });

    test('an author renamed, an organisation renamed, a title edited: the page and the exports follow', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const chicagoBefore = await exported('chicago');
      assert.match(chicagoBefore, /^Bekova, Aigerim\. 2019\./);

      await patch('/api/v1/people/aigerim-bekova/record', { given: { en: 'Aigerim' }, family: { en: 'Nurova' } });
      assert.match(await boxOf('/publications/remittances-2019'), /^Nurova, A\. \(2019\)\./);
      assert.match(await exported('apa'), /^Nurova, A\. \(2019\)\./);
      assert.match(await exported('chicago'), /^Nurova, Aigerim\. 2019\./);
      assert.match(await exported('harvard'), /^Nurova, A\. \(2019\)/);

      await patch('/api/v1/organisations/migration-research-centre/record', {
        name: { en: 'Centre for Migration Studies' },
      });
      const box = await boxOf('/publications/remittances-2019');
      assert.match(box, /Centre for Migration Studies\./);
      assert.doesNotMatch(box, /Migration Research Centre/);
      assert.match(await exported('chicago'), /Centre for Migration Studies\./);

      await patch('/api/v1/publications/remittances-2019/record', {
        title: { en: 'Remittances and Households in Central Asia' },
      });
      assert.match(
        await boxOf('/publications/remittances-2019'),
        /\(2019\)\. Remittances and households in Central Asia\./,
      );
      assert.match(await exported('apa'), /Remittances and households in Central Asia/);
      assert.match(await exported('harvard'), /Remittances and Households in Central Asia/);
      assert.match(await exported('chicago'), /Remittances and Households in Central Asia/);
      // What is stored is the citation shown, not the one from before.
      const rows = await storedRows();
      assert.deepEqual(
        rows.map((r) => r.slot),
        ['apa en', 'chicago en', 'harvard en'],
      );
      for (const r of rows) assert.match(r.body, /^Nurova.*Remittances and [Hh]ouseholds in Central Asia/, r.slot);
    });

    test('a citation stored by another formatter version, or none at all, is formatted again; the start fills what is missing', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const shown = await boxOf('/publications/remittances-2019');
      await t.db.query(`update publication_citations set version = 'older', body = 'stale text'`);
      assert.equal(await exported('apa'), `${shown}\n`);
      assert.deepEqual(
        (await storedRows()).find((r) => r.slot === 'apa en'),
        { slot: 'apa en', version: CITEPROC_VERSION, body: shown.replace(SITE, 'https://kitap.invalid') },
        'stored again, as the current version formats it',
      );

      await makePublication(t.db, { slug: 'second-2020', year: 2020, title: { en: 'Second study' } });
      await t.db.query('delete from publication_citations');
      assert.equal(await fillBoxCitations(t.db), 2, 'both publications lacked their citation');
      assert.equal(await fillBoxCitations(t.db), 0, 'then none');
      const slots = await t.db.query<{ slug: string }>(
        `select p.slug from publication_citations c join publications p on p.id = c.publication_id
         where c.slot = 'apa en' and c.version = $1 order by p.slug`,
        [CITEPROC_VERSION],
      );
      assert.deepEqual(
        slots.map((r) => r.slug),
        ['remittances-2019', 'second-2020'],
      );
      assert.equal(await exported('apa'), `${shown}\n`);
    });
  });
}

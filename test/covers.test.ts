// Covers at the size they are shown: a list asks for 72 px (144 px on dense screens), an item page for 200 (400).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadImage } from '@napi-rs/canvas';
import { queueIngest } from '../src/ingest/jobs.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';

for (const backend of BACKENDS) {
  describe(`covers on ${backend}`, () => {
    let t: TestApp | null;
    let sha = '';
    let slug = '';
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      slug = await makePublication(t.db, { title: { en: 'Remittances in pictures' }, status: 'published' });
      await queueIngest(t.deps, reportPdf('Remittances in pictures'), {
        publicationId: (await publicationIdBySlug(t.db, slug))!,
        originalName: 'report.pdf',
        language: 'en',
      });
      await runQueuedJobs(t);
      sha = (await t.db.one<{ s: string }>('select cover_sha256 as s from files where cover_sha256 is not null'))!.s;
    });
    after(() => t?.close());

    test('?w= gives the cover drawn at that width, smaller than the stored one; other widths are refused', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const full = Buffer.from(await (await t.get(`/covers/${sha}.webp`)).arrayBuffer());
      for (const w of [72, 144, 200]) {
        const res = await t.get(`/covers/${sha}.webp?w=${w}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('Content-Type'), 'image/webp');
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.equal((await loadImage(bytes)).width, w);
        assert.ok(bytes.length < full.length, `${w}: ${bytes.length} < ${full.length}`);
      }
      const bad = await t.get(`/covers/${sha}.webp?w=73`);
      assert.equal(bad.status, 400);
    });

    test('lists ask for the 72 px copy only, the item page for 200 (400 at 2×)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const list = await (await t.get('/publications')).text();
      assert.match(list, new RegExp(`src="/covers/${sha}\\.webp\\?w=72" alt="" width="72" loading="lazy"`));
      const item = await (await t.get(`/publications/${slug}`)).text();
      assert.match(
        item,
        new RegExp(
          `src="/covers/${sha}\\.webp\\?w=200" srcset="/covers/${sha}\\.webp\\?w=200 1x, /covers/${sha}\\.webp\\?w=400 2x"`,
        ),
      );
    });
  });
}

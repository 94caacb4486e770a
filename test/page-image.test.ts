// Page images for reading (issue 14): any page of a PDF a reader may download, at a width, as WebP,
// drawn on demand and then served from the disk cache; nothing for a draft or a page that is not there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadImage } from '@napi-rs/canvas';
import { queueIngest } from '../src/ingest/jobs.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';

for (const backend of BACKENDS) {
  describe(`page images on ${backend}`, () => {
    let t: TestApp | null;
    const fileOf = async (slug: string, status: 'published' | 'draft') => {
      await makePublication(t!.db, { slug, status });
      const publicationId = (await t!.db.one<{ id: number }>('select id from publications where slug = $1', [slug]))!
        .id;
      await queueIngest(t!.deps, reportPdf(), { publicationId, originalName: 'report.pdf' });
      const [job] = await runQueuedJobs(t!);
      return job!.file_id!;
    };
    before(async () => (t = await openTestApp(backend)));
    after(async () => t?.close());

    test('a page at a width as WebP, then from the cache; widths rounded up to a multiple of 100', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const id = await fileOf('paged', 'published');
      const r = await t.get(`/publications/paged/files/${id}/pages/2.webp?w=350`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'image/webp');
      const bytes = Buffer.from(await r.arrayBuffer());
      assert.equal(bytes.subarray(8, 12).toString('latin1'), 'WEBP');
      const image = await loadImage(bytes);
      assert.equal(image.width, 400);
      assert.ok(image.height > 500, 'an A4-shaped page');

      const cached = path.join(path.dirname(t.deps.config.filesDir), 'page-images');
      assert.equal(
        fs.readdirSync(cached, { recursive: true }).filter((f) => String(f).endsWith('-2-400.webp')).length,
        1,
        'kept on disk',
      );
      const again = await t.get(`/publications/paged/files/${id}/pages/2.webp?w=400`);
      assert.deepEqual(Buffer.from(await again.arrayBuffer()), bytes, 'the same image for the same rounded width');
      assert.equal(
        (
          await t.get(`/publications/paged/files/${id}/pages/2.webp?w=400`, {
            headers: { 'If-None-Match': again.headers.get('etag')! },
          })
        ).status,
        304,
      );
      assert.equal(
        (
          await loadImage(
            Buffer.from(await (await t.get(`/publications/paged/files/${id}/pages/1.webp`)).arrayBuffer()),
          )
        ).width,
        800,
        'default width',
      );
    });

    test('no image of a page that is not there, of a draft, or with a bad width', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const id = await fileOf('paged-2', 'published');
      assert.equal((await t.get(`/publications/paged-2/files/${id}/pages/3.webp`)).status, 404);
      assert.equal((await t.get(`/publications/paged-2/files/${id}/pages/0.webp`)).status, 400);
      assert.equal((await t.get(`/publications/paged-2/files/${id}/pages/1.webp?w=wide`)).status, 400);
      assert.equal(
        (await t.get(`/publications/paged/files/${id}/pages/1.webp`)).status,
        404,
        'the file under another publication',
      );
      const draft = await fileOf('unpublished', 'draft');
      assert.equal((await t.get(`/publications/unpublished/files/${draft}/pages/1.webp`)).status, 404);
    });
  });
}

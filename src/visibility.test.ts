// The rule of src/visibility.ts and its SQL twin (src/store/visibility.ts) agree on every status and every
// kind of file: a table of cases, each decided by both, on a real database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATUSES } from './domain/publication.ts';
import { readableFileSql, readablePublicationSql } from './store/visibility.ts';
import { isReadableFile, readablePublication, sightOf } from './visibility.ts';
import { makePublication, openTestApp } from '../test/helpers.ts';
import type { HttpError } from './http/errors.tsx';

test('statuses: published shown, draft and in review absent, withdrawn a tombstone', () => {
  assert.deepEqual(STATUSES.map(sightOf), ['absent', 'absent', 'shown', 'withdrawn']);
  const base = {
    status: 'withdrawn',
    withdrawn_reason: { en: 'a better edition', ru: 'есть издание лучше' },
    original_language: 'en',
    relations_out: [],
    relations_in: [],
  } as unknown as Parameters<typeof readablePublication>[0];
  assert.throws(
    () => readablePublication(null),
    (e: HttpError) => e.status === 404,
  );
  assert.throws(
    () => readablePublication({ ...base!, status: 'in_review' }),
    (e: HttpError) => e.status === 404,
  );
  assert.throws(
    () => readablePublication(base),
    (e: HttpError) => e.status === 410 && e.vars?.reason === 'a better edition',
  );
  assert.throws(
    () => readablePublication(base, 'ru'),
    (e: HttpError) => e.status === 410 && e.vars?.reason === 'есть издание лучше',
  );
  assert.throws(
    () => readablePublication(base, 'kk'),
    (e: HttpError) => e.status === 410 && e.vars?.reason === 'a better edition',
  );
  const related = (status: string) => ({
    type: 'partOf',
    slug: status,
    title: {},
    original_language: 'en',
    year: null,
    status,
  });
  const shown = readablePublication({
    ...base!,
    status: 'published',
    relations_out: STATUSES.map(related),
    relations_in: STATUSES.map(related),
  } as typeof base);
  assert.deepEqual(
    [...shown.relations_out, ...shown.relations_in].map((r) => r.slug),
    ['published', 'published'],
  );
});

test('the SQL twin decides every status and file as the rule does', async () => {
  const t = (await openTestApp('pglite'))!;
  try {
    const today = (await t.db.one<{ d: string }>(`select to_char(current_date, 'YYYY-MM-DD') as d`))!.d;
    const dates = [null, '2000-01-01', today, '2999-12-31'];
    const cases: Array<{ status: string; replaced: boolean; embargo: string | null; fileId: number; pubId: number }> =
      [];
    for (const status of STATUSES) {
      const slug = await makePublication(t.db, {
        status,
        ...(status === 'withdrawn' ? { withdrawn_reason: 'x' } : {}),
      });
      const pubId = (await t.db.one<{ id: number }>('select id from publications where slug = $1', [slug]))!.id;
      const newer = (await t.db.one<{ id: number }>(
        `insert into files (publication_id, sha256, original_name, media_type, size) values ($1, repeat('a', 64), 'n.pdf', 'application/pdf', 1) returning id`,
        [pubId],
      ))!.id;
      for (const replaced of [false, true]) {
        for (const embargo of dates) {
          const fileId = (await t.db.one<{ id: number }>(
            `insert into files (publication_id, sha256, original_name, media_type, size, replaced_by, embargo_until) values ($1, repeat('b', 64), 'f.pdf', 'application/pdf', 1, $2, $3) returning id`,
            [pubId, replaced ? newer : null, embargo],
          ))!.id;
          cases.push({ status, replaced, embargo, fileId, pubId });
        }
      }
    }
    const pubs = new Set(
      (await t.db.query<{ id: number }>(`select p.id from publications p where ${readablePublicationSql('p')}`)).map(
        (r) => r.id,
      ),
    );
    const files = new Set(
      (await t.db.query<{ id: number }>(`select f.id from files f where ${readableFileSql('f')}`)).map((r) => r.id),
    );
    for (const c of cases) {
      const shown = sightOf(c.status as (typeof STATUSES)[number]) === 'shown';
      assert.equal(pubs.has(c.pubId), shown, `publication ${c.status}`);
      const rule = shown && isReadableFile({ replaced_by: c.replaced ? 1 : null, embargo_until: c.embargo }, today);
      assert.equal(
        files.has(c.fileId),
        rule,
        `file of a ${c.status} publication, replaced ${c.replaced}, embargo ${c.embargo}`,
      );
    }
    assert.equal(
      cases.filter((c) => files.has(c.fileId)).length,
      3,
      'three readable: no embargo, one past, one ending today',
    );
  } finally {
    await t.close();
  }
});

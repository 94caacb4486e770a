// COUNTER R5.1 counting, checked against counts worked out by hand: a synthetic access log replayed through
// `import-log`'s reader (the same rules as live reading), and live requests through the app's own hooks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { usageUpToDate } from '../src/stats/recorder.ts';
import { importAccessLog } from '../src/stats/import-log.ts';
import { parseMapping, usageTarget } from '../src/stats/access-log.ts';
import { isRobot } from '../src/stats/robots.ts';
import { usageBy, usageTotals } from '../src/store/stats-reports.ts';
import { BACKENDS, openTestApp, type TestApp } from './helpers.ts';
import { EXPECTED, makeStatsCatalogue, OLD_ADDRESS, syntheticLog, type StatsCatalogue } from './stats-helpers.ts';

const DAY = { from: '2024-03-05', to: '2024-03-05' };

async function* lines(list: string[]) {
  yield* list;
}

const counts = (r: {
  investigations: number;
  unique_investigations: number;
  requests: number;
  unique_requests: number;
}) => ({
  investigations: r.investigations,
  unique_investigations: r.unique_investigations,
  requests: r.requests,
  unique_requests: r.unique_requests,
});

test('the COUNTER robots list: crawlers and scripts are robots, browsers are not', () => {
  for (const ua of [
    'Googlebot/2.1 (+http://www.google.com/bot.html)',
    'python-requests/2.31.0',
    'curl/8.5.0',
    'Wget/1.21',
    '',
    'YandexBot/3.0',
  ])
    assert.equal(isRobot(ua), true, ua);
  for (const ua of [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  ])
    assert.equal(isRobot(ua), false, ua);
});

test('log addresses of item pages and files in every interface language', () => {
  for (const lang of ['', '/ru', '/kk', '/ky']) {
    assert.deepEqual(usageTarget(`${lang}/publications/alpha`), { slug: 'alpha' }, lang);
    assert.deepEqual(usageTarget(`${lang}/publications/alpha/files/12/a.pdf?x=1`), { fileId: 12 }, lang);
  }
  assert.equal(usageTarget('/de/publications/alpha'), null);
  assert.equal(usageTarget('/publications/alpha/cite'), null);
});

for (const backend of BACKENDS) {
  describe(`usage counting on ${backend}`, () => {
    let t: TestApp | null;
    let c: StatsCatalogue;
    before(async () => {
      t = await openTestApp(backend);
      if (t) c = await makeStatsCatalogue(t);
    });
    after(async () => t?.close());

    test('a synthetic log gives the hand-worked counts, and a second import adds nothing', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const mapping = parseMapping(`# old site\n${OLD_ADDRESS} /publications/beta/files/${c.b1}/beta.pdf\n`);
      const report = await importAccessLog(t.db, lines(syntheticLog(c)), mapping);
      assert.deepEqual(report, EXPECTED.import);
      const check = async () => {
        const pubs = Object.fromEntries((await usageBy(t!.db, 'publication', DAY)).map((r) => [r.key, counts(r)]));
        assert.deepEqual(pubs, { alpha: EXPECTED.alpha, beta: EXPECTED.beta });
        assert.deepEqual(counts(await usageTotals(t!.db, DAY)), EXPECTED.total);
        const files = Object.fromEntries(
          (await usageBy(t!.db, 'file', DAY)).map((r) => [
            Number(r.key),
            { requests: r.requests, unique_requests: r.unique_requests },
          ]),
        );
        assert.deepEqual(files, { [c.a1]: EXPECTED.files.a1, [c.a2]: EXPECTED.files.a2, [c.b1]: EXPECTED.files.b1 });
      };
      await check();
      const again = await importAccessLog(t.db, lines(syntheticLog(c)), mapping);
      assert.equal(again.written, 0);
      await check();
    });

    test('live requests: people counted once per double click, robots and HEAD not at all, 304 and the first range counted', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = await usageTotals(t.db, { from: '2000-01-01', to: '2100-01-01' });
      const person = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };
      const page = await t.get('/publications/beta', { headers: person });
      assert.equal(page.status, 200);
      assert.equal((await t.get('/ru/publications/beta', { headers: person })).status, 200); // double click (same item)
      const etag = page.headers.get('etag')!;
      assert.equal((await t.get('/publications/beta', { headers: { ...person, 'If-None-Match': etag } })).status, 304); // double click too
      assert.equal(
        (await t.get('/publications/beta', { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; bingbot/2.0)' } }))
          .status,
        200,
      );
      assert.equal(
        (
          await t.get('/publications/beta', {
            headers: { 'User-Agent': 'Mozilla/5.0 (iPhone) Safari/604.1', 'If-None-Match': etag },
          })
        ).status,
        304,
      );
      const file = `/publications/beta/files/${c.b1}/beta.pdf`;
      assert.equal((await t.get(file, { method: 'HEAD', headers: person })).status, 200);
      assert.equal((await t.get(file, { headers: { ...person, Range: 'bytes=0-99' } })).status, 206);
      assert.equal((await t.get(file, { headers: { ...person, Range: 'bytes=100-' } })).status, 206);
      assert.equal((await t.get('/publications/no-such-thing', { headers: person })).status, 404);
      await usageUpToDate(t.db);
      const now = await usageTotals(t.db, { from: '2000-01-01', to: '2100-01-01' });
      // Firefox: one page (three answers within 30 s) + one download (two ranges) = 2 investigations, 1 request,
      // one session: 1 unique each. iPhone's 304: 1 investigation, 1 unique. bingbot: nothing.
      assert.deepEqual(
        {
          i: now.investigations - before.investigations,
          ui: now.unique_investigations - before.unique_investigations,
          r: now.requests - before.requests,
          ur: now.unique_requests - before.unique_requests,
        },
        { i: 3, ui: 2, r: 1, ur: 1 },
      );
    });
  });
}

// The COUNTER_SUSHI R5.1 API: every answer validated against COUNTER's own OpenAPI document with the offline
// validator in ../shared/standards/counter, and the numbers checked against the hand-worked synthetic log.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseMapping } from '../src/stats/access-log.ts';
import { importAccessLog } from '../src/stats/import-log.ts';
import { BACKENDS, openTestApp, type TestApp } from './helpers.ts';
import { EXPECTED, makeStatsCatalogue, OLD_ADDRESS, syntheticLog } from './stats-helpers.ts';

const COUNTER_DIR = path.resolve('../shared/standards/counter');
const hasValidator =
  fs.existsSync(path.join(COUNTER_DIR, 'validate.py')) &&
  spawnSync('python3', ['-c', 'import jsonschema']).status === 0;
if (!hasValidator) {
  if (process.env.CI) throw new Error('CI needs ../shared/standards/counter and python3-jsonschema');
  console.warn('# ../shared/standards/counter or python3-jsonschema missing: SUSHI responses are not validated');
}

/** Validates a JSON answer against a schema name or API path of the R5.1 specification; returns the errors. */
function validate(target: string, body: unknown): string {
  const r = spawnSync('python3', ['validate.py', 'r5.1/COUNTER_SUSHI_API.json', target, '-'], {
    cwd: COUNTER_DIR,
    input: JSON.stringify(body),
    encoding: 'utf8',
  });
  return r.status === 0 ? '' : `${r.stdout}${r.stderr}`;
}

for (const backend of BACKENDS) {
  describe(`COUNTER_SUSHI R5.1 on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: 'https://library.example.org' });
      if (!t) return;
      const c = await makeStatsCatalogue(t);
      async function* lines() {
        yield* syntheticLog(c);
      }
      await importAccessLog(t.db, lines(), parseMapping(`${OLD_ADDRESS} /publications/beta/files/${c.b1}/beta.pdf`));
    });
    after(async () => t?.close());

    /** GET a SUSHI path: its status, and its JSON body once checked against `target`. */
    async function sushi(url: string, status: number, target: string): Promise<any> {
      const r = await t!.get(url);
      assert.equal(r.status, status, url);
      assert.match(r.headers.get('content-type') ?? '', /application\/json/);
      const body = await r.json();
      if (hasValidator) assert.equal(validate(target, body), '', `${url} against ${target}`);
      return body;
    }

    test('status, members and the report list', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const status = await sushi('/sushi/r51/status', 200, '/r51/status');
      assert.equal(status[0].Service_Active, true);
      const members = await sushi('/sushi/r51/members?customer_id=anonymous', 200, '/r51/members');
      assert.equal(members[0].Institution_Name, 'The World');
      await sushi('/sushi/r51/members', 400, 'Exception_1030');
      const reports = await sushi('/sushi/r51/reports?customer_id=x', 200, '/r51/reports');
      assert.deepEqual(
        reports.map((r: { Report_ID: string }) => r.Report_ID),
        ['IR', 'PR'],
      );
      assert.equal(reports[0].First_Month_Available, '2024-03');
      assert.equal((await t.get('/sushi/r51/reports/tr?customer_id=x')).status, 404);
    });

    test('the Item Report carries the hand-worked counts', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const ir = await sushi(
        '/sushi/r51/reports/ir?customer_id=anonymous&begin_date=2024-03&end_date=2024-03',
        200,
        '/r51/reports/ir',
      );
      assert.equal(ir.Report_Header.Report_Filters.Begin_Date, '2024-03-01');
      assert.equal(ir.Report_Header.Report_Filters.End_Date, '2024-03-31');
      assert.equal(ir.Report_Header.Exceptions, undefined);
      const items = Object.fromEntries(ir.Report_Items[0].Items.map((i: any) => [i.Item_ID.Proprietary, i]));
      for (const [slug, title] of [
        ['alpha', 'Alpha report'],
        ['beta', 'Beta handbook'],
      ] as const) {
        const item = items[`kitap:${slug}`];
        assert.equal(item.Item, title);
        assert.equal(item.Item_ID.URI, `https://library.example.org/publications/${slug}`);
        const perf = item.Attribute_Performance[0].Performance;
        const e = EXPECTED[slug];
        assert.deepEqual(perf, {
          Total_Item_Investigations: { '2024-03': e.investigations },
          Total_Item_Requests: { '2024-03': e.requests },
          Unique_Item_Investigations: { '2024-03': e.unique_investigations },
          Unique_Item_Requests: { '2024-03': e.unique_requests },
        });
      }
    });

    test('Item Report filters and attributes', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const ir = await sushi(
        '/sushi/r51/reports/ir?customer_id=a&begin_date=2024-01-01&end_date=2024-06-30&metric_type=Total_Item_Requests&yop=2018-2019' +
          '&attributes_to_show=YOP%7CAccess_Type%7CAccess_Method&include_parent_details=False&access_type=Open',
        200,
        '/r51/reports/ir',
      );
      assert.deepEqual(
        ir.Report_Items[0].Items.map((i: any) => i.Item_ID.Proprietary),
        ['kitap:alpha'],
      );
      assert.deepEqual(ir.Report_Items[0].Items[0].Attribute_Performance[0], {
        Data_Type: 'Report',
        YOP: '2019',
        Access_Type: 'Open',
        Access_Method: 'Regular',
        Performance: { Total_Item_Requests: { '2024-03': 4 } },
      });
      const one = await sushi(
        '/sushi/r51/reports/ir?customer_id=a&begin_date=2024-03&end_date=2024-03&item_id=kitap:beta',
        200,
        '/r51/reports/ir',
      );
      assert.deepEqual(
        one.Report_Items[0].Items.map((i: any) => i.Item_ID.Proprietary),
        ['kitap:beta'],
      );
      const controlled = await sushi(
        '/sushi/r51/reports/ir?customer_id=a&begin_date=2024-03&end_date=2024-03&access_type=Controlled',
        200,
        '/r51/reports/ir',
      );
      assert.deepEqual(controlled.Report_Items, []);
      assert.deepEqual(
        controlled.Report_Header.Exceptions.map((e: any) => e.Code),
        [3030],
      );
    });

    test('exceptions: unknown parameters and values are named, the report still served', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const ir = await sushi(
        '/sushi/r51/reports/ir?customer_id=a&begin_date=2024-03&end_date=2024-03&colour=red&metric_type=Total_Item_Requests%7CBogus' +
          '&granularity=Total&include_component_details=True',
        200,
        '/r51/reports/ir',
      );
      const codes = Object.fromEntries(ir.Report_Header.Exceptions.map((e: any) => [e.Code, e.Data ?? '']));
      assert.deepEqual(Object.keys(codes).map(Number).sort(), [3050, 3060, 3062, 3063]);
      assert.match(codes[3050], /colour/);
      assert.match(codes[3060], /Bogus/);
      assert.match(codes[3062], /granularity=Total/);
      assert.equal(ir.Report_Items[0].Items.length, 2);
      const empty = await sushi(
        '/sushi/r51/reports/ir?customer_id=a&begin_date=2023-01&end_date=2023-02',
        200,
        '/r51/reports/ir',
      );
      assert.deepEqual(empty.Report_Header.Exceptions, [
        { Code: 3030, Message: 'No Usage Available for Requested Dates' },
      ]);
      const future = await sushi(
        `/sushi/r51/reports/ir?customer_id=a&begin_date=2024-03&end_date=${new Date().getUTCFullYear() + 1}-01`,
        200,
        '/r51/reports/ir',
      );
      assert.equal(future.Report_Header.Exceptions[0].Code, 3031);
      assert.ok(future.Report_Header.Report_Filters.End_Date < new Date().toISOString().slice(0, 10));
      await sushi('/sushi/r51/reports/ir?customer_id=a&begin_date=2024-13&end_date=2024-03', 400, 'Exception_3020');
      await sushi('/sushi/r51/reports/ir?customer_id=a&begin_date=2024-04&end_date=2024-03', 400, 'Exception_3020');
      await sushi('/sushi/r51/reports/pr?customer_id=a&begin_date=2024-03', 400, 'Exception_1030');
    });

    test('the Platform Report sums the platform by data type', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const pr = await sushi(
        '/sushi/r51/reports/pr?customer_id=a&begin_date=2024-03&end_date=2024-03&attributes_to_show=Access_Method',
        200,
        '/r51/reports/pr',
      );
      assert.equal(pr.Report_Items[0].Platform, 'library.example.org');
      assert.deepEqual(pr.Report_Items[0].Attribute_Performance, [
        {
          Data_Type: 'Report',
          Access_Method: 'Regular',
          Performance: {
            Total_Item_Investigations: { '2024-03': EXPECTED.total.investigations },
            Total_Item_Requests: { '2024-03': EXPECTED.total.requests },
            Unique_Item_Investigations: { '2024-03': EXPECTED.total.unique_investigations },
            Unique_Item_Requests: { '2024-03': EXPECTED.total.unique_requests },
          },
        },
      ]);
      const one = await sushi(
        '/sushi/r51/reports/pr?customer_id=a&begin_date=2024-03&end_date=2024-03&metric_type=Unique_Item_Requests',
        200,
        '/r51/reports/pr',
      );
      assert.deepEqual(Object.keys(one.Report_Items[0].Attribute_Performance[0].Performance).sort(), [
        'Total_Item_Requests',
        'Unique_Item_Requests',
      ]);
    });
  });
}

// The reader's country from the optional IP-to-country package: addresses taken from the package's own ranges
// (the first, last and a middle address of ranges no other range overlaps, one nested inside another, one in no
// range) give the range's country; over HTTP the country is kept and neither the address nor the agent is.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { countriesInstalled, countryOf } from '../src/stats/country.ts';
import { usageUpToDate } from '../src/stats/recorder.ts';
import { BACKENDS, openTestApp, type TestApp } from './helpers.ts';
import { makeStatsCatalogue } from './stats-helpers.ts';

const PACKAGE = '@ip-location-db/geo-whois-asn-country';
const installed = countriesInstalled();
if (!installed) console.warn(`# ${PACKAGE} is not installed: countries are unknown, and these tests are skipped`);

interface Range {
  start: string;
  end: string;
  cc: string;
  lo: bigint;
  hi: bigint;
}

const dotted = (n: bigint) => [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');

/** The package's IPv4 ranges (numbers) or IPv6 ranges (text, with their numbers from the -num file). */
function ranges(kind: 'ipv4' | 'ipv6'): Range[] {
  const require = createRequire(import.meta.url);
  const read = (name: string) =>
    fs
      .readFileSync(require.resolve(`${PACKAGE}/${name}`), 'latin1')
      .split('\n')
      .filter(Boolean);
  const num = read(`geo-whois-asn-country-${kind}-num.csv`);
  const text = kind === 'ipv6' ? read('geo-whois-asn-country-ipv6.csv') : null;
  return num.map((line, i) => {
    const [lo, hi, cc] = line.split(',') as [string, string, string];
    const [start, end] = text ? text[i]!.split(',') : [dotted(BigInt(lo)), dotted(BigInt(hi))];
    return { start: start!, end: end!, cc, lo: BigInt(lo), hi: BigInt(hi) };
  });
}

/** Ranges that neither sit in another nor hold one (the neighbours on both sides are apart), spread over the list. */
function lonely(list: Range[], n: number): Range[] {
  const out: Range[] = [];
  let reach = -1n; // the furthest end before i
  const reachBefore = list.map((r) => {
    const before = reach;
    if (r.hi > reach) reach = r.hi;
    return before;
  });
  const step = Math.floor(list.length / (n * 3));
  for (let i = step; i < list.length - 1 && out.length < n; i += step) {
    const r = list[i]!;
    if (reachBefore[i]! < r.lo && list[i + 1]!.lo > r.hi) out.push(r);
  }
  return out;
}

describe('IP to country', { skip: !installed && `${PACKAGE} not installed` }, () => {
  test('IPv4: first, middle and last address of ranges from the database give their country', () => {
    const list = ranges('ipv4');
    const sample = lonely(list, 200);
    assert.ok(sample.length >= 100, `${sample.length} ranges sampled`);
    for (const r of sample) {
      const mid = dotted((r.lo + r.hi) / 2n);
      assert.deepEqual([countryOf(r.start), countryOf(mid), countryOf(r.end)], [r.cc, r.cc, r.cc], r.start);
      assert.equal(countryOf(`::ffff:${mid}`), r.cc, `::ffff:${mid}`);
    }
  });

  test('IPv6: first and last address of ranges from the database give their country', () => {
    const sample = lonely(ranges('ipv6'), 200);
    assert.ok(sample.length >= 100, `${sample.length} ranges sampled`);
    for (const r of sample) assert.deepEqual([countryOf(r.start), countryOf(r.end)], [r.cc, r.cc], r.start);
  });

  test('a range inside another wins for its addresses, the outer one resumes after it; a gap is unknown', () => {
    const list = ranges('ipv4');
    /** The rule read plainly: of the ranges holding x, the one starting last (the most specific); null for none. */
    const oracle = (x: bigint) => {
      let found: string | null = null;
      for (const r of list) {
        if (r.lo > x) break;
        if (r.hi >= x) found = r.cc;
      }
      return found;
    };
    const nested = list.flatMap((r, k) => (k && r.lo <= list[k - 1]!.hi ? [k] : [])).slice(0, 40);
    assert.ok(nested.length >= 10, 'the database has ranges inside others');
    let differs = 0;
    for (const k of nested) {
      const [outer, inner] = [list[k - 1]!, list[k]!];
      for (const x of [inner.lo, inner.hi, inner.hi + 1n, outer.hi, outer.hi + 1n]) {
        assert.equal(countryOf(dotted(x)), oracle(x), dotted(x));
        if (oracle(x) !== inner.cc) differs++;
      }
    }
    assert.ok(differs > 0, 'some addresses around an inner range belong to another country');
    const gap = lonely(list, 200).find((r) => {
      const next = list[list.indexOf(r) + 1];
      return next !== undefined && next.lo > r.hi + 1n;
    });
    assert.ok(gap, 'the database has gaps');
    assert.equal(countryOf(dotted(gap.hi + 1n)), null);
  });

  test('what is not an address has no country', () => {
    for (const a of ['', 'unknown', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1::2::3', 'g::1', '::ffff:1.2.3.999'])
      assert.equal(countryOf(a), null, a);
  });
});

for (const backend of BACKENDS) {
  describe(`the country of live reading on ${backend}`, { skip: !installed && `${PACKAGE} not installed` }, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { TRUST_PROXY: 'true' });
      if (t) await makeStatsCatalogue(t);
    });
    after(async () => t?.close());

    test('the country is kept; the address and the user agent are not', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = lonely(ranges('ipv4'), 50).find((x) => x.hi - x.lo > 10n)!;
      const address = dotted(r.lo + 7n);
      const agent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 KitapCountryTest/1.0';
      const page = await t.get('/publications/alpha', { headers: { 'User-Agent': agent, 'X-Forwarded-For': address } });
      assert.equal(page.status, 200);
      await usageUpToDate(t.db);
      const events = await t.db.query<{ country: string | null }>('select country from stats_events');
      assert.deepEqual(
        events.map((e) => e.country),
        [r.cc],
      );
      assert.deepEqual(
        (
          await t.db.query<{ key: string }>(
            `select country as key from stats_monthly_platform union select country from stats_daily`,
          )
        ).map((x) => x.key),
        [r.cc],
      );
      // Every row of every statistics table, as text: neither the address nor the agent is in any of them.
      const tables = await t.db.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_name like 'stats\\_%' and table_schema = current_schema()`,
      );
      assert.ok(tables.length >= 6);
      for (const { table_name } of tables) {
        const dump = (await t.db.query<{ row: string }>(`select t::text as row from ${table_name} t`))
          .map((x) => x.row)
          .join('\n');
        assert.doesNotMatch(dump, new RegExp(address.replace(/\./g, '\\.')), table_name);
        assert.doesNotMatch(dump, /KitapCountryTest/, table_name);
      }
    });
  });
}

// The rollups every report reads (by day, then by month: per publication and file, per country, and the
// platform's) give the answers worked out from the raw events by an independent reading of the COUNTER rules, for
// a random synthetic log over three months, written in batches with rollups between them (days rolled up again).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rollUpUsage } from '../src/store/stats-daily.ts';
import { insertUsageEvents, type UsageEvent } from '../src/store/stats-events.ts';
import {
  type UsageCounts,
  type UsageDimension,
  type UsageScope,
  usageBy,
  usageTotals,
} from '../src/store/stats-reports.ts';
import { usageByItemMonth, usageByKindMonth } from '../src/store/stats-sushi.ts';
import { BACKENDS, openTestApp, type TestApp } from './helpers.ts';
import { makeStatsCatalogue, type StatsCatalogue } from './stats-helpers.ts';

/** A seeded random number generator (xorshift32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['KZ', 'KG', 'RU', null];

/**
 * Events of 40 visitors over February to April 2024 (a leap day, month ends), in bursts: a visitor reads an item
 * page or a file several times within seconds to minutes (double clicks, ranges, new hours), so every rule is met.
 */
function syntheticEvents(c: StatsCatalogue, seed: number): UsageEvent[] {
  const r = random(seed);
  const targets = [
    { slug: 'alpha', fileId: null },
    { slug: 'beta', fileId: null },
    { slug: null, fileId: c.a1 },
    { slug: null, fileId: c.a2 },
    { slug: null, fileId: c.b1 },
  ];
  const start = Date.UTC(2024, 1, 1);
  const span = Date.UTC(2024, 4, 1) - start;
  const out: UsageEvent[] = [];
  const taken = new Set<number>();
  for (let burst = 0; burst < 600; burst++) {
    const visitor = `v${Math.floor(r() * 40)}`;
    const country = COUNTRIES[Math.floor(r() * COUNTRIES.length)]!;
    // Bursts bunch at the ends of days and months, where rollups divide them.
    let at = start + Math.floor(r() * span) - (r() < 0.3 ? (Math.floor(r() * 90) + 1) * 1000 : 0);
    for (let k = Math.floor(r() * 6) + 1; k > 0; k--) {
      const target = targets[Math.floor(r() * targets.length)]!;
      while (taken.has(at)) at += 1000; // distinct times: the order of events is the order of their times
      if (at >= start + span) break;
      taken.add(at);
      out.push({
        at: new Date(at),
        visitor,
        ...target,
        partial: target.fileId !== null && r() < 0.4,
        country,
        source: null,
      });
      at += [2, 25, 31, 45, 600, 3000, 4000][Math.floor(r() * 7)]! * 1000;
    }
  }
  return out;
}

type Key = string;
const zero = (): UsageCounts => ({ investigations: 0, unique_investigations: 0, requests: 0, unique_requests: 0 });

/**
 * The COUNTER R5.1 counts from raw events, read independently of the SQL: within a UTC day, an event repeating
 * the same visitor's item page or file within 30 seconds of the one before is not counted, nor a range that does
 * not start at 0 within the hour of the one before; of the counted ones, the first of each visitor, clock hour
 * and publication is a unique investigation, and the first file of each visitor, hour and publication a unique
 * request. Returns counts by month, publication, file (0: the page) and country ('' unknown).
 */
function countByHand(events: UsageEvent[], c: StatsCatalogue): Map<Key, UsageCounts> {
  const pubOfFile = new Map([
    [c.a1, 'alpha'],
    [c.a2, 'alpha'],
    [c.b1, 'beta'],
  ]);
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = new Map<string, number>();
  const seenLook = new Set<string>();
  const seenRequest = new Set<string>();
  const out = new Map<Key, UsageCounts>();
  for (const e of sorted) {
    const t = e.at.getTime();
    const day = e.at.toISOString().slice(0, 10);
    const hour = e.at.toISOString().slice(0, 13);
    const pub = e.slug ?? pubOfFile.get(e.fileId!)!;
    const item = `${day}|${e.visitor}|${pub}|${e.fileId ?? 0}`;
    const prev = last.get(item);
    last.set(item, t);
    if (prev !== undefined && (t - prev <= 30_000 || (e.partial && t - prev <= 3_600_000))) continue;
    const key = `${day.slice(0, 7)}|${pub}|${e.fileId ?? 0}|${e.country ?? ''}`;
    const n = out.get(key) ?? zero();
    out.set(key, n);
    n.investigations++;
    const session = `${e.visitor}|${hour}|${pub}`;
    if (!seenLook.has(session)) n.unique_investigations++;
    seenLook.add(session);
    if (e.fileId !== null) {
      n.requests++;
      if (!seenRequest.has(session)) n.unique_requests++;
      seenRequest.add(session);
    }
  }
  return out;
}

/** Sums the hand counts by a part of their key, within months and an optional country and publication. */
function sumBy(
  counts: Map<Key, UsageCounts>,
  part: (k: { month: string; pub: string; file: number; country: string }) => string | null,
  where: (k: { month: string; pub: string; file: number; country: string }) => boolean = () => true,
): Record<string, UsageCounts> {
  const out: Record<string, UsageCounts> = {};
  for (const [key, n] of counts) {
    const [month, pub, file, country] = key.split('|') as [string, string, string, string];
    const k = { month, pub, file: Number(file), country };
    const by = part(k);
    if (by === null || !where(k)) continue;
    const s = (out[by] ??= zero());
    for (const m of Object.keys(s) as (keyof UsageCounts)[]) s[m] += n[m];
  }
  return out;
}

const only = (r: UsageCounts): UsageCounts => ({
  investigations: r.investigations,
  unique_investigations: r.unique_investigations,
  requests: r.requests,
  unique_requests: r.unique_requests,
});

for (const backend of BACKENDS) {
  describe(`usage rollups on ${backend}`, () => {
    let t: TestApp | null;
    let c: StatsCatalogue;
    let hand: Map<Key, UsageCounts>;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      c = await makeStatsCatalogue(t);
      const events = syntheticEvents(c, 20240229);
      hand = countByHand(events, c);
      // Three batches in a random order of events, each rolled up: every day is rolled up more than once.
      const r = random(7);
      const batches: UsageEvent[][] = [[], [], []];
      for (const e of events) batches[Math.floor(r() * 3)]!.push(e);
      for (const b of batches) {
        await insertUsageEvents(t.db, b);
        await rollUpUsage(t.db);
      }
    });
    after(async () => t?.close());

    const SPRING: UsageScope = { from: '2024-02-01', to: '2024-04-30' };
    const byDimension = async (d: UsageDimension, scope: UsageScope) =>
      Object.fromEntries((await usageBy(t!.db, d, scope)).map((row) => [row.key, only(row)]));

    test('reports by month, publication, file, country and in total equal the counts from raw events', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.ok(hand.size > 20, 'the synthetic log counts something in many places');
      assert.deepEqual(
        await byDimension('month', SPRING),
        sumBy(hand, (k) => k.month),
      );
      assert.deepEqual(
        await byDimension('publication', SPRING),
        sumBy(hand, (k) => k.pub),
      );
      assert.deepEqual(
        await byDimension('file', SPRING),
        sumBy(hand, (k) => (k.file ? String(k.file) : null)),
      );
      assert.deepEqual(
        await byDimension('country', SPRING),
        sumBy(hand, (k) => k.country),
      );
      assert.deepEqual(only(await usageTotals(t.db, SPRING)), sumBy(hand, () => 'all').all);
      // One month, a funder (USAID funds alpha), a country.
      const march = { from: '2024-03-01', to: '2024-03-31' };
      const inMarch = (k: { month: string }) => k.month === '2024-03';
      assert.deepEqual(
        await byDimension('publication', { ...march, funder: await funderId(t, 'USAID') }),
        sumBy(hand, (k) => (k.pub === 'alpha' ? k.pub : null), inMarch),
      );
      assert.deepEqual(
        await byDimension('month', { ...SPRING, country: 'KZ' }),
        sumBy(
          hand,
          (k) => k.month,
          (k) => k.country === 'KZ',
        ),
      );
      assert.deepEqual(
        await byDimension('country', { ...march, publication: c.beta }),
        sumBy(
          hand,
          (k) => k.country,
          (k) => inMarch(k) && k.pub === 'beta',
        ),
      );
      assert.deepEqual(
        await byDimension('year', SPRING),
        sumBy(hand, (k) => k.month.slice(0, 4)),
      );
    });

    test('the daily rows alone rebuild every monthly rollup (as a restore inserts them), and taking them off empties them', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const monthlyRows = () =>
        t!.db.one<{ n: number }>(
          `select ((select count(*) from stats_monthly) + (select count(*) from stats_monthly_country) +
                   (select count(*) from stats_monthly_item) + (select count(*) from stats_monthly_platform))::int as n`,
        );
      const before = (await monthlyRows())!.n;
      const daily = (await t.db.one<{ rows: unknown[] }>('select json_agg(d) as rows from stats_daily d'))!.rows;
      await t.db.query('delete from stats_daily');
      assert.equal((await monthlyRows())!.n, 0);
      await t.db.query('insert into stats_daily select * from json_populate_recordset(null::stats_daily, $1::json)', [
        JSON.stringify(daily),
      ]);
      assert.equal((await monthlyRows())!.n, before);
      assert.deepEqual(
        await byDimension('country', SPRING),
        sumBy(hand, (k) => k.country),
      );
      assert.deepEqual(
        await byDimension('file', SPRING),
        sumBy(hand, (k) => (k.file ? String(k.file) : null)),
      );
    });

    test('the COUNTER_SUSHI Item and Platform Reports read the same counts', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const country of [null, 'KG']) {
        const where = (k: { country: string }) => country === null || k.country === country;
        const items = await usageByItemMonth(t.db, SPRING.from, SPRING.to, country, null);
        const got: Record<string, UsageCounts> = {};
        for (const i of items) for (const m of i.months) got[`${i.slug} ${m.month}`] = only(m);
        assert.deepEqual(
          got,
          sumBy(hand, (k) => `${k.pub} ${k.month}`, where),
        );
        const platform = await usageByKindMonth(t.db, SPRING.from, SPRING.to, country);
        assert.deepEqual(
          Object.fromEntries(platform.map((p) => [`${p.kind} ${p.month}`, only(p)])),
          sumBy(hand, (k) => `report ${k.month}`, where),
        );
      }
    });
  });
}

async function funderId(t: TestApp, name: string): Promise<number> {
  return (await t.db.one<{ id: number }>(`select id from organisations where name->>'en' = $1`, [name]))!.id;
}

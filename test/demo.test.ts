// The demo catalogue: what a first start shows, and that it is the old page's facts in our own words.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readCatalogue } from '../src/demo/load.ts';
import { startServer, stopServer } from './helpers.ts';

const OLD_PAGE = path.resolve('..', 'shared', 'seeds', 'publications-page.txt');
const catalogue = readCatalogue();

test('a first start with an empty DATA_DIR serves the whole demo catalogue', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-first-start-'));
  const server = await startServer({ DATA_DIR: dataDir });
  const base = server.base;
  try {
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const list = (await (await fetch(`${base}/api/v1/publications?per_page=100`)).json()) as {
      total: number;
      items: Array<{ slug: string }>;
    };
    assert.equal(list.total, catalogue.publications.length);
    assert.deepEqual(list.items.map((i) => i.slug).sort(), catalogue.publications.map((p) => p.slug).sort());
    // Each relation shows from both ends.
    for (const p of catalogue.publications) {
      for (const r of p.relations) {
        const source = (await (await fetch(`${base}/api/v1/publications/${p.slug}`)).json()) as {
          related: { outgoing: Array<{ type: string; slug: string }> };
        };
        assert.ok(
          source.related.outgoing.some((o) => o.type === r.type && o.slug === r.target),
          `${p.slug} ${r.type} ${r.target}`,
        );
        const target = (await (await fetch(`${base}/api/v1/publications/${r.target}`)).json()) as {
          related: { incoming: Array<{ type: string; slug: string }> };
        };
        assert.ok(
          target.related.incoming.some((o) => o.type === r.type && o.slug === p.slug),
          `${r.target} ← ${p.slug}`,
        );
      }
    }
  } finally {
    await stopServer(server.proc);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the demo keeps the facts the old page states for its main kinds of record', () => {
  const kinds = new Set(catalogue.publications.map((p) => p.kind));
  for (const k of [
    'report',
    'handbook',
    'glossary',
    'childrens-book',
    'poster',
    'executive-summary',
    'summary',
    'news',
  ])
    assert.ok(kinds.has(k as never), k);
  const relationTypes = new Set(catalogue.publications.flatMap((p) => p.relations.map((r) => r.type)));
  for (const r of ['summaryOf', 'executiveSummaryOf', 'followsUp', 'validates', 'announces'])
    assert.ok(relationTypes.has(r as never), r);
  const slugs = catalogue.publications.map((p) => p.slug);
  assert.equal(new Set(slugs).size, slugs.length, 'slugs are unique');
  const funders = new Set(
    catalogue.publications.flatMap((p) => p.organisations.filter((o) => o.role === 'funder').map((o) => o.name)),
  );
  assert.ok(funders.size >= 4, [...funders].join(', '));
});

test('abstracts are our own words, not the old page pasted', (ctx) => {
  if (!fs.existsSync(OLD_PAGE)) return ctx.skip(`${OLD_PAGE} is absent (it is not part of the repository)`);
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ');
  const page = words(fs.readFileSync(OLD_PAGE, 'utf8'));
  const runs = new Set<string>();
  for (let i = 0; i + 12 <= page.length; i++) runs.add(page.slice(i, i + 12).join(' '));
  for (const p of catalogue.publications) {
    const w = words(Object.values(p.abstract).join(' '));
    for (let i = 0; i + 12 <= w.length; i++)
      assert.ok(
        !runs.has(w.slice(i, i + 12).join(' ')),
        `${p.slug} repeats the old page: "${w.slice(i, i + 12).join(' ')}"`,
      );
  }
});

// What a reader may see (src/visibility.ts), walked over every public route on both databases: a catalogue
// with a draft, a record in review, a withdrawn and a published record, names entered only on the unpublished
// ones, and a published record with a replaced, an embargoed, a sample and a chosen-cover file. No route may
// answer with an unpublished record, word, name, file or cover (issue 21, findings 2, 3 and 4; issue 17).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../src/db/db.ts';
import { CITATION_FORMATS } from '../src/cite/format.ts';
import { UI_LANGUAGES } from '../src/i18n/i18n.ts';
import { addFile } from '../src/store/files.ts';
import { publicationIdBySlug, refreshSearch } from '../src/store/publications.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

const ORIGIN = 'https://kitap.example.org';

/** Words, names and file names that exist only where readers may not look. */
const SECRETS = [
  // the draft
  'zorblaxian',
  'Drafty Mcsecret',
  'Secretive Draft Council',
  'Hidden Draft Programme',
  'draftonly-topic',
  'draftfilequux',
  'draft-notes.pdf',
  // in review
  'frobnitzal',
  'Reviewer Hiddenname',
  // withdrawn
  'glarbstone',
  'Withdrawn Wilhelmina',
  'withdrawn-annex.pdf',
  'withdrawnpageword',
  // the published record's files readers may not see
  'replacedquorvex',
  'old-version.pdf',
  'embargoqueltrix',
  'embargoed-annex.pdf',
];

/** What a withdrawn record's tombstone page shows of it: its title and its authors' names. */
const TOMBSTONE_SHOWS = ['glarbstone', 'Withdrawn Wilhelmina'];

interface Fixture {
  open: string;
  draft: string;
  review: string;
  withdrawn: string;
  covers: Record<string, string>;
  fileIds: Record<string, number>;
}

/** A file of a publication with its bytes, pages and cover in the store; returns its id and its cover's sha256. */
async function addStoredFile(
  t: TestApp,
  publicationId: number,
  name: string,
  pageText: string,
  extra: { embargo?: string; sample?: boolean; isCover?: boolean; language?: string } = {},
) {
  const { sha256, size } = await t.deps.files.put(Buffer.from(`%PDF-1.4 ${name} ${pageText}`));
  const cover = await t.deps.files.put(Buffer.from(`RIFF cover of ${name}`));
  const id = await addFile(t.db, publicationId, {
    sha256,
    original_name: name,
    media_type: 'application/pdf',
    size,
    pages: 1,
    language: extra.language ?? 'en',
    is_sample: extra.sample ?? false,
  });
  await t.db.query('update files set cover_sha256 = $2, embargo_until = $3, is_cover = $4 where id = $1', [
    id,
    cover.sha256,
    extra.embargo ?? null,
    extra.isCover ?? false,
  ]);
  await t.db.query('insert into file_pages (file_id, page, text) values ($1, 1, $2)', [id, pageText]);
  return { id, cover: cover.sha256 };
}

async function build(t: TestApp): Promise<Fixture> {
  const db: Db = t.db;
  const draft = await makePublication(db, {
    status: 'draft',
    title: { en: 'The zorblaxian plan' },
    abstract: { en: 'Notes on zorblaxian labour routes.' },
    people: [
      { name: 'Drafty Mcsecret', role: 'author' },
      { name: 'Ada Openly', role: 'editor' },
    ],
    organisations: [{ name: 'Secretive Draft Council', role: 'funder' }],
    projects: [{ name: 'Hidden Draft Programme' }],
    topics: ['draftonly-topic'],
  });
  const review = await makePublication(db, {
    status: 'in_review',
    title: { en: 'A frobnitzal review' },
    people: [{ name: 'Reviewer Hiddenname', role: 'author' }],
  });
  const withdrawn = await makePublication(db, {
    // A withdrawn record keeps its address as a tombstone (410 here, a deleted record in OAI): its slug is public, and its
    // page still names and cites it; its title appears nowhere else.
    slug: 'withdrawn-record',
    status: 'withdrawn',
    withdrawn_reason: 'superseded by a newer edition',
    title: { en: 'The glarbstone report' },
    people: [{ name: 'Withdrawn Wilhelmina', role: 'author' }],
  });
  const open = await makePublication(db, {
    slug: 'open-report',
    title: { en: 'Open report on remittances' },
    abstract: { en: 'Households and visiblewordalpha transfers.' },
    people: [{ name: 'Ada Openly', role: 'author' }],
    projects: [{ name: 'Open Programme' }],
    topics: ['open-topic'],
    relations: [{ type: 'partOf', target: draft }],
  });
  const openId = (await publicationIdBySlug(db, open))!;
  const ids = {
    draft: (await publicationIdBySlug(db, draft))!,
    withdrawn: (await publicationIdBySlug(db, withdrawn))!,
  };
  // In file order: an embargoed file first (the cover browse cards used to take), an old version, a sample,
  // a plain current file, and the file chosen as the cover last.
  const embargoed = await addStoredFile(t, openId, 'embargoed-annex.pdf', 'The embargoqueltrix annex.', {
    embargo: '2099-01-01',
    language: 'ky',
  });
  const old = await addStoredFile(t, openId, 'old-version.pdf', 'The replacedquorvex first edition.');
  const sample = await addStoredFile(t, openId, 'sample-pages.pdf', 'Sample pages.', { sample: true });
  const plain = await addStoredFile(t, openId, 'report.pdf', 'The visiblepageword full text.');
  const chosen = await addStoredFile(t, openId, 'cover-file.pdf', 'Second current file.', { isCover: true });
  await db.query('update files set replaced_by = $2 where id = $1', [old.id, plain.id]);
  const draftFile = await addStoredFile(t, ids.draft, 'draft-notes.pdf', 'The draftfilequux notes.');
  const withdrawnFile = await addStoredFile(t, ids.withdrawn, 'withdrawn-annex.pdf', 'The withdrawnpageword annex.');
  for (const id of [openId, ids.draft, ids.withdrawn]) await refreshSearch(db, id);
  return {
    open,
    draft,
    review,
    withdrawn,
    covers: {
      embargoed: embargoed.cover,
      old: old.cover,
      sample: sample.cover,
      plain: plain.cover,
      chosen: chosen.cover,
      draft: draftFile.cover,
      withdrawn: withdrawnFile.cover,
    },
    fileIds: {
      embargoed: embargoed.id,
      old: old.id,
      sample: sample.id,
      plain: plain.id,
      chosen: chosen.id,
      draft: draftFile.id,
      withdrawn: withdrawnFile.id,
    },
  };
}

/** Every public GET a reader, a harvester or a crawler can make of this catalogue (the query's own words aside). */
function publicRoutes(f: Fixture): Array<{ path: string; typed?: string }> {
  const slugs = [f.open, f.draft, f.review, f.withdrawn];
  const routes: Array<{ path: string; typed?: string }> = [];
  const entities = [
    ['people', 'drafty-mcsecret'],
    ['people', 'ada-openly'],
    ['organisations', 'secretive-draft-council'],
    ['projects', 'hidden-draft-programme'],
    ['projects', 'open-programme'],
    ['topics', 'draftonly-topic'],
    ['topics', 'open-topic'],
    ['people', 'reviewer-hiddenname'],
    ['people', 'withdrawn-wilhelmina'],
  ];
  const searches = [
    'zorblaxian',
    'zorblaxiann',
    'zorblax',
    'remittances OR zorblaxiann',
    'remittances OR mcsecre',
    'frobnitzl',
    'glarbston',
    'replacedquorvx',
    'embargoquetrix',
    'draftfilequx',
    'withdrawnpagewrd',
    'Mcsecret',
    'Hiddenname',
    'remittances',
    'visiblewordalpa',
  ];
  for (const lang of UI_LANGUAGES) {
    const pre = lang === 'en' ? '' : `/${lang}`;
    routes.push({ path: `${pre}/` }, { path: `${pre}/publications` }, { path: `${pre}/feed.atom` });
    for (const type of ['people', 'organisations', 'projects', 'topics']) routes.push({ path: `${pre}/${type}` });
    for (const [type, slug] of entities) {
      routes.push({ path: `${pre}/${type}/${slug}` });
      if (type === 'topics' || type === 'projects') routes.push({ path: `${pre}/${type}/${slug}/feed.atom` });
    }
    for (const slug of slugs) {
      routes.push(
        { path: `${pre}/publications/${slug}` },
        { path: `${pre}/publications/${slug}/order` },
        { path: `${pre}/publications/${slug}/contact` },
        { path: `${pre}/publications?within=${slug}&q=notes` },
      );
      for (const format of CITATION_FORMATS) routes.push({ path: `${pre}/publications/${slug}/cite?format=${format}` });
    }
    for (const q of searches) routes.push({ path: `${pre}/publications?q=${encodeURIComponent(q)}`, typed: q });
    for (const q of ['embargoqueltrix', 'replacedquorvex', 'full text'])
      routes.push({ path: `${pre}/publications?within=${f.open}&q=${encodeURIComponent(q)}`, typed: q });
  }
  routes.push({ path: '/api/v1/publications' }, { path: '/sitemap.xml' }, { path: '/robots.txt' });
  for (const slug of slugs) routes.push({ path: `/api/v1/publications/${slug}` });
  for (const type of ['people', 'organisations', 'projects', 'topics']) routes.push({ path: `/api/v1/${type}` });
  for (const [type, slug] of entities) routes.push({ path: `/api/v1/${type}/${slug}` });
  for (const q of searches) routes.push({ path: `/api/v1/publications?q=${encodeURIComponent(q)}`, typed: q });
  for (const [name, id] of Object.entries(f.fileIds)) {
    const slug = name === 'draft' ? f.draft : name === 'withdrawn' ? f.withdrawn : f.open;
    routes.push({ path: `/publications/${slug}/files/${id}/x.pdf` });
  }
  for (const sha of Object.values(f.covers)) routes.push({ path: `/covers/${sha}.webp` });
  const oai = [
    'verb=Identify',
    'verb=ListSets',
    'verb=ListMetadataFormats',
    'verb=ListIdentifiers&metadataPrefix=oai_dc',
    'verb=ListRecords&metadataPrefix=oai_dc',
    'verb=ListRecords&metadataPrefix=mods',
    'verb=ListIdentifiers&metadataPrefix=oai_dc&set=topic:draftonly-topic',
    'verb=ListRecords&metadataPrefix=oai_dc&set=project:hidden-draft-programme',
  ];
  for (const slug of slugs)
    for (const prefix of ['oai_dc', 'mods'])
      oai.push(`verb=GetRecord&metadataPrefix=${prefix}&identifier=oai:kitap.example.org:${slug}`);
  for (const q of oai) routes.push({ path: `/oai?${q}` });
  return routes;
}

for (const backend of BACKENDS) {
  describe(`what a reader may see, on ${backend}`, () => {
    let t: TestApp | null;
    let f: Fixture;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (t) f = await build(t);
    });
    after(async () => t?.close());

    test('no public route shows an unpublished record, word, name, file or cover', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not available');
      const leaks: string[] = [];
      for (const r of publicRoutes(f)) {
        const res = await t.get(r.path);
        assert.ok(res.status < 500, `${r.path}: ${res.status}`);
        // A page may repeat what was asked (its address, a search's words); anything else of an unpublished record is a leak.
        let text = (await res.text()).toLowerCase();
        const asked = `${decodeURIComponent(r.path)} ${r.typed ?? ''}`
          .toLowerCase()
          .split(/[/?&=\s]+/)
          .filter((x) => x.length >= 5);
        for (const w of asked.sort((a, b) => b.length - a.length)) text = text.split(w).join('');
        // A withdrawn record's own page is its tombstone: it still names and cites the record (issue 19), nothing more.
        const tombstone = new RegExp(`^(/[a-z]{2})?/publications/${f.withdrawn}$`).test(r.path);
        for (const s of SECRETS) {
          if (tombstone && TOMBSTONE_SHOWS.includes(s)) continue;
          const secret = s.toLowerCase();
          if (text.includes(secret) || text.includes(secret.replace(/ /g, '-')))
            leaks.push(`${r.path} (${res.status}) shows "${s}"`);
        }
        for (const slug of [f.draft, f.review])
          if (text.includes(`/publications/${slug}`) && !r.path.includes(slug))
            leaks.push(`${r.path} links to ${slug}`);
      }
      assert.deepEqual(leaks, []);
    });

    test('unpublished records answer 404, a withdrawn one 410 with its reason, in pages, API, citations and requests', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not available');
      for (const pre of ['', '/ru', '/kk']) {
        for (const slug of [f.draft, f.review]) {
          for (const path of [
            `/publications/${slug}`,
            `/publications/${slug}/cite?format=bibtex`,
            `/publications/${slug}/contact`,
          ]) {
            assert.equal((await t.get(`${pre}${path}`)).status, 404, `${pre}${path}`);
          }
        }
        const gone = await t.get(`${pre}/publications/${f.withdrawn}`);
        assert.equal(gone.status, 410);
        assert.match(await gone.text(), /superseded by a newer edition/);
        assert.equal((await t.get(`${pre}/publications/${f.withdrawn}/cite?format=ris`)).status, 410);
        assert.equal((await t.get(`${pre}/publications/${f.open}`)).status, 200);
      }
      for (const slug of [f.draft, f.review]) assert.equal((await t.get(`/api/v1/publications/${slug}`)).status, 404);
      const api = await t.get(`/api/v1/publications/${f.withdrawn}`);
      assert.equal(api.status, 410);
      assert.match(
        ((await api.json()) as { error: { message: string } }).error.message,
        /superseded by a newer edition/,
      );
    });

    test('only readable files are downloaded and only their covers served; cards show the chosen cover', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not available');
      for (const [name, id] of Object.entries(f.fileIds)) {
        const slug = name === 'draft' ? f.draft : name === 'withdrawn' ? f.withdrawn : f.open;
        const readable = ['plain', 'chosen', 'sample'].includes(name);
        assert.equal(
          (await t.get(`/publications/${slug}/files/${id}/x.pdf`)).status,
          readable ? 200 : 404,
          `file ${name}`,
        );
        assert.equal((await t.get(`/covers/${f.covers[name]}.webp`)).status, readable ? 200 : 404, `cover of ${name}`);
      }
      const hidden = [f.covers.embargoed!, f.covers.old!, f.covers.sample!, f.covers.plain!];
      for (const path of [
        '/',
        '/publications',
        `/publications/${f.open}`,
        '/people/ada-openly',
        '/topics/open-topic',
        '/publications?q=remittances',
      ]) {
        const html = await (await t.get(path)).text();
        assert.ok(html.includes(f.covers.chosen!), `${path} shows the chosen cover`);
        for (const sha of hidden) assert.ok(!html.includes(sha), `${path} shows another cover`);
      }
      const api = await (await t.get('/api/v1/publications')).text();
      for (const sha of hidden) assert.ok(!api.includes(sha));
    });

    test('names entered only on unpublished records have no page, feed or set; shared ones count only what is published', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not available');
      for (const path of [
        '/people/drafty-mcsecret',
        '/organisations/secretive-draft-council',
        '/projects/hidden-draft-programme',
        '/topics/draftonly-topic',
        '/people/reviewer-hiddenname',
        '/people/withdrawn-wilhelmina',
        '/topics/draftonly-topic/feed.atom',
        '/projects/hidden-draft-programme/feed.atom',
        '/api/v1/people/drafty-mcsecret',
        '/api/v1/topics/draftonly-topic',
        '/ru/topics/draftonly-topic',
      ]) {
        assert.equal((await t.get(path)).status, 404, path);
      }
      const people = (await (await t.get('/api/v1/people')).json()) as {
        items: Array<{ slug: string; publication_count: number }>;
      };
      assert.deepEqual(
        people.items.map((p) => [p.slug, p.publication_count]),
        [['ada-openly', 1]],
      );
      const sets = await (await t.get('/oai?verb=ListSets')).text();
      assert.match(sets, /topic:open-topic/);
      assert.doesNotMatch(sets, /draftonly-topic|hidden-draft-programme/);
    });

    test('"did you mean" knows only words readers can see', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not available');
      const suggestion = async (q: string) =>
        (await (await t!.get(`/api/v1/publications?q=${encodeURIComponent(q)}`)).json()) as {
          suggestion?: string;
          corrected?: string;
        };
      // A typo of a word readers can see is corrected, of metadata and of a readable file's text alike.
      assert.equal((await suggestion('visiblewordalpa')).corrected, 'visiblewordalpha');
      assert.equal((await suggestion('visiblepagewrd')).corrected, 'visiblepageword');
      // The words themselves find nothing: not the open report by its embargoed or replaced file either.
      for (const word of [
        'zorblaxian',
        'frobnitzal',
        'glarbstone',
        'replacedquorvex',
        'embargoqueltrix',
        'draftfilequux',
        'withdrawnpageword',
        'mcsecret',
      ]) {
        assert.equal(
          ((await (await t.get(`/api/v1/publications?q=${word}`)).json()) as { total: number }).total,
          0,
          word,
        );
      }
      assert.equal(
        ((await (await t.get('/api/v1/publications?q=visiblepageword')).json()) as { total: number }).total,
        1,
      );
      // With a word that finds the open report, a correction is offered beside its results ("did you mean").
      assert.equal((await suggestion('remittances OR visiblewordalpa')).suggestion, 'remittances OR visiblewordalpha');
      for (const typo of [
        'zorblaxiann',
        'zorblax',
        'frobnitzl',
        'glarbston',
        'replacedquorvx',
        'embargoquetrix',
        'draftfilequx',
        'withdrawnpagewrd',
        'mcsecre',
      ]) {
        for (const q of [typo, `remittances OR ${typo}`]) {
          const r = await suggestion(q);
          assert.equal(r.suggestion, undefined, q);
          assert.equal(r.corrected, undefined, q);
        }
      }
    });

    test('a record published later, and an embargo that ends, bring their words in; unpublishing takes them out', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not available');
      const db = t.db;
      const openId = (await publicationIdBySlug(db, f.open))!;
      const languageFacets = async () =>
        (
          (await (await t!.get('/api/v1/publications')).json()) as { facets: { language: Array<{ value: string }> } }
        ).facets.language.map((v) => v.value);
      assert.deepEqual(await languageFacets(), ['en'], 'no facet value from an embargoed file');
      // Indexed while the embargo ran, which ended yesterday: no write happens that day, the lexicon still learns of it.
      await db.query(`update files set embargo_until = current_date - 1 where id = $1`, [f.fileIds.embargoed]);
      await db.query(`update publication_words set renew_on = current_date - 1 where publication_id = $1`, [openId]);
      assert.equal(
        (await db.one<{ n: number }>('select count(*)::int as n from search_words where word = $1', [
          'embargoqueltrix',
        ]))!.n,
        0,
      );
      assert.equal(
        ((await (await t.get('/api/v1/publications?q=embargoquetrix')).json()) as { corrected?: string }).corrected,
        'embargoqueltrix',
      );
      assert.ok(await languageFacets().then((l) => l.includes('ky')), 'the language of the file out of its embargo');
      await db.query(`update files set embargo_until = '2099-01-01' where id = $1`, [f.fileIds.embargoed]);
      await refreshSearch(db, openId);
      assert.equal(
        ((await (await t.get('/api/v1/publications?q=embargoquetrix')).json()) as { corrected?: string }).corrected,
        undefined,
      );
      assert.deepEqual(await languageFacets(), ['en']);
      const review = (await publicationIdBySlug(db, f.review))!;
      await db.query(`update publications set status = 'published' where id = $1`, [review]);
      await refreshSearch(db, review);
      assert.equal(
        ((await (await t.get('/api/v1/publications?q=frobnitzl')).json()) as { corrected?: string }).corrected,
        'frobnitzal',
      );
      await db.query(`update publications set status = 'in_review' where id = $1`, [review]);
      await refreshSearch(db, review);
      assert.equal(
        ((await (await t.get('/api/v1/publications?q=frobnitzl')).json()) as { corrected?: string }).corrected,
        undefined,
      );
    });
  });
}

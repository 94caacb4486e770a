// Every demo publication as a reference manager gets it, on PGlite and PostgreSQL: the item page read as
// Zotero's Embedded Metadata translator reads it (test/zotero-embedded.ts), and the RIS, BibTeX and
// CSL-JSON exports parsed back (citation-js's readers; Ajv with the CSL data schema) and compared field by
// field with the catalogue record (src/demo/catalogue.json) — never with Kitap's own intermediate form.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import Cite from 'citation-js';
import { splitPersonName } from '../src/cite/creators.ts';
import { KIND_TYPES } from '../src/cite/kinds.ts';
import { loadCatalogue, readCatalogue } from '../src/demo/load.ts';
import { BACKENDS, openTestApp, type TestApp } from './helpers.ts';
import { parseHtml } from './oai-xml.ts';
import { zoteroEmbedded } from './zotero-embedded.ts';

const ORIGIN = 'https://kitap.example.org';
const catalogue = readCatalogue();
const validateCsl = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(fs.readFileSync(new URL('./fixtures/csl-data.json', import.meta.url), 'utf8')),
);

type Record_ = (typeof catalogue.publications)[number];
type Name = { family?: string; given?: string; literal?: string };

/** What the record says should be cited as its authors: authors; none when only editors; else the publishers. */
function expectedAuthors(p: Record_): Name[] {
  const people = (role: string) => p.people.filter((x) => x.role === role).map((x) => splitPersonName(x.name));
  const orgs = (role: string) => p.organisations.filter((x) => x.role === role).map((x) => ({ literal: x.name }));
  const authors = [...people('author'), ...orgs('author')];
  if (authors.length) return authors;
  if (people('editor').length) return [];
  return orgs('publisher');
}
const expectedEditors = (p: Record_): Name[] =>
  p.people.filter((x) => x.role === 'editor').map((x) => splitPersonName(x.name));

/** The language of the title an English reader cites: English when the publication exists in English, else its original language's when it has one. */
function titleLanguage(p: Record_): string {
  const order = [...(p.languages.includes('en') ? ['en'] : []), p.original_language, 'en'];
  return order.find((l) => l && (p.title as Record<string, string>)[l]) ?? Object.keys(p.title)[0]!;
}

/** The title (with subtitle) as an English reader cites it. */
function expectedTitle(p: Record_): string {
  const lang = titleLanguage(p);
  const t = (p.title as Record<string, string>)[lang]!;
  const sub = (p.subtitle as Record<string, string>)[lang];
  return sub ? `${t}: ${sub}` : t;
}

/** The language the record says the publication is cited in: the title's when the publication exists in it, else its original language. */
function expectedLanguage(p: Record_): string {
  const langs = p.languages.length ? p.languages : [p.original_language!];
  const titleLang = titleLanguage(p);
  return langs.includes(titleLang as never)
    ? titleLang
    : langs.includes(p.original_language as never)
      ? p.original_language!
      : langs[0]!;
}

const publishersOf = (p: Record_) => p.organisations.filter((o) => o.role === 'publisher').map((o) => o.name);
const isbnOf = (p: Record_) => p.identifiers.find((i) => i.scheme === 'isbn')?.value;
const doiOf = (p: Record_) => p.identifiers.find((i) => i.scheme === 'doi')?.value;
const asName = (n: Name) =>
  n.literal ? { literal: n.literal } : { family: n.family, ...(n.given ? { given: n.given } : {}) };

test('the demo catalogue says Kyrgyz and Russian where the publications are (no default English)', () => {
  const bySlug = new Map(catalogue.publications.map((p) => [p.slug, p]));
  assert.equal(bySlug.get('ainuras-dream')!.original_language, 'ky');
  assert.equal(bySlug.get('compendium-counter-trafficking-documents-2010')!.original_language, 'ru');
  for (const p of catalogue.publications) {
    if (p.languages.length && p.original_language)
      assert.ok(
        p.languages.includes(p.original_language) || !p.languages.length,
        `${p.slug}: original ${p.original_language} is one of ${p.languages.join(', ')}`,
      );
  }
});

for (const backend of BACKENDS) {
  describe(`reference managers on the demo catalogue (${backend})`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (t) await loadCatalogue(t.db, catalogue);
    });
    after(async () => t?.close());
    const skipped = (ctx: { skip: (m: string) => void }) => {
      if (!t) {
        ctx.skip('PostgreSQL not reachable');
        return true;
      }
      return false;
    };
    const published = () => catalogue.publications.filter((p) => p.status === 'published');
    const text = async (path: string) => {
      const r = await t!.get(path);
      assert.equal(r.status, 200, path);
      return r.text();
    };

    test('Zotero saves each item page as its kind, organisations whole, in the publication’s language, with publisher, pages and place', async (ctx) => {
      if (skipped(ctx)) return;
      for (const p of published()) {
        const item = zoteroEmbedded(parseHtml(await text(`/publications/${p.slug}`)));
        assert.equal(item.itemType, KIND_TYPES[p.kind].zotero, `${p.slug} (${p.kind})`);
        assert.equal(item.title, expectedTitle(p), p.slug);
        const creators = item.creators.map((c) =>
          c.firstName ? { family: c.lastName, given: c.firstName } : { literal: c.lastName },
        );
        const people = (n: Name) => (n.literal ? n : n.given ? n : { literal: n.family });
        assert.deepEqual(
          creators,
          [...expectedAuthors(p), ...expectedEditors(p)].map(people).map(asName),
          `${p.slug}: creators`,
        );
        assert.deepEqual(
          item.creators.map((c) => c.creatorType),
          [...expectedAuthors(p).map(() => 'author'), ...expectedEditors(p).map(() => 'editor')],
          p.slug,
        );
        assert.equal(item.language, expectedLanguage(p), `${p.slug}: language`);
        assert.equal(item.publisher, publishersOf(p).join('; ') || undefined, `${p.slug}: publisher`);
        if (KIND_TYPES[p.kind].zotero === 'report')
          assert.equal(item.institution, item.publisher, `${p.slug}: institution`);
        assert.equal(item.numPages, p.pages ? String(p.pages) : undefined, `${p.slug}: pages`);
        assert.equal(item.place, p.place?.en, `${p.slug}: place`);
        assert.equal(item.ISBN, isbnOf(p), p.slug);
        assert.equal(item.url, `${ORIGIN}/publications/${p.slug}`);
      }
      const astana = zoteroEmbedded(
        parseHtml(await text('/ru/publications/migrant-vulnerabilities-central-asia-2017')),
      );
      assert.equal(astana.place, 'Astana', 'a publication only in English is cited in English on the Russian page too');
      assert.equal(astana.language, 'en');
    });

    test('RIS: one line per tag, every value whole, read back field by field', async (ctx) => {
      if (skipped(ctx)) return;
      for (const p of published()) {
        const body = await text(`/publications/${p.slug}/cite?format=ris`);
        const lines = body.split('\r\n').filter(Boolean);
        for (const l of lines)
          assert.match(l, /^[A-Z][A-Z0-9] {2}- /, `${p.slug}: "${l}" is a tag line (no wrapped continuation)`);
        assert.equal(lines.at(-1), 'ER  - ');
        assert.ok(lines.includes(`UR  - ${ORIGIN}/publications/${p.slug}`), `${p.slug}: the URL whole`);
        assert.ok(lines.includes(`ID  - ${p.slug}`), `${p.slug}: the ID whole`);
        const [entry] = new Cite(body).data;
        assert.equal(entry!.title, expectedTitle(p), p.slug);
        assert.equal(entry!.type, KIND_TYPES[p.kind].csl === 'pamphlet' ? 'book' : KIND_TYPES[p.kind].csl, p.slug);
        assert.deepEqual(entry!.author ?? [], expectedAuthors(p).map(asName), `${p.slug}: authors`);
        if (KIND_TYPES[p.kind].ris === 'BOOK')
          assert.deepEqual(entry!.editor ?? [], expectedEditors(p).map(asName), `${p.slug}: editors`);
        assert.deepEqual(
          entry!.issued,
          p.year ? { 'date-parts': [p.published_on ? p.published_on.split('-').map(Number) : [p.year]] } : undefined,
          p.slug,
        );
        assert.equal(entry!.publisher, publishersOf(p).join('; ') || undefined, p.slug);
        assert.equal(entry!.language, expectedLanguage(p), p.slug);
        assert.equal(entry!['publisher-place'], p.place?.en, p.slug);
        if (p.pages) assert.equal(String(entry!['number-of-pages'] ?? entry!.page), String(p.pages), p.slug);
        if (KIND_TYPES[p.kind].ris === 'BOOK') assert.equal(entry!.ISBN, isbnOf(p), p.slug);
        const keywords = lines.filter((l) => l.startsWith('KW  - ')).map((l) => l.slice(6));
        for (const k of keywords) assert.equal(k, k.trim(), `${p.slug}: keyword "${k}" has no stray space`);
        assert.equal(keywords.length, p.topics.length, p.slug);
      }
    });

    test('BibTeX: the entry type’s required fields, read back field by field', async (ctx) => {
      if (skipped(ctx)) return;
      const required: Record<string, string[]> = {
        techreport: ['author', 'title', 'institution', 'year'],
        book: ['title', 'publisher', 'year'],
        proceedings: ['title', 'year'],
        booklet: ['title'],
        misc: [],
      };
      for (const p of published()) {
        const body = await text(`/publications/${p.slug}/cite?format=bibtex`);
        const type = body.match(/^@(\w+)\{([^,]+),/)!;
        assert.equal(type[2], p.slug, 'the slug is the key');
        const fields = new Set([...body.matchAll(/^ {2}([a-z]+) = \{/gm)].map((m) => m[1]!));
        for (const f of required[type[1]!]!) assert.ok(fields.has(f), `${p.slug}: @${type[1]} has ${f}`);
        if (type[1] === 'book')
          assert.ok(fields.has('author') || fields.has('editor'), `${p.slug}: @book has an author or editor`);
        if (KIND_TYPES[p.kind].bibtex === 'techreport' && publishersOf(p).length && expectedAuthors(p).length && p.year)
          assert.equal(type[1], 'techreport', p.slug);
        const [entry] = new Cite(body).data;
        assert.equal(entry!.title, expectedTitle(p), p.slug);
        assert.deepEqual(
          entry!.author ?? [],
          expectedAuthors(p).map((n) => (n.literal ? { family: n.literal } : asName(n))),
          `${p.slug}: authors`,
        );
        assert.deepEqual(entry!.editor ?? [], expectedEditors(p).map(asName), `${p.slug}: editors`);
        assert.equal(
          (entry!.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0],
          p.year ?? undefined,
          p.slug,
        );
        if (publishersOf(p).length && type[1] !== 'misc' && type[1] !== 'booklet')
          assert.equal(entry!.publisher, publishersOf(p).join(' and '), p.slug);
        assert.equal(entry!.ISBN, isbnOf(p), p.slug);
        assert.equal(entry!.DOI, doiOf(p), p.slug);
        assert.equal(entry!.URL, `${ORIGIN}/publications/${p.slug}`);
        assert.equal(entry!['number-of-pages'], p.pages ? String(p.pages) : undefined, p.slug);
        assert.equal(entry!['publisher-place'], p.place?.en, p.slug);
        assert.equal(
          entry!.language,
          new Intl.DisplayNames(['en'], { type: 'language' }).of(expectedLanguage(p)),
          p.slug,
        );
      }
    });

    test('CSL-JSON: valid against the CSL data schema, read back field by field', async (ctx) => {
      if (skipped(ctx)) return;
      for (const p of published()) {
        const data = JSON.parse(await text(`/publications/${p.slug}/cite?format=csl-json`)) as Array<
          Record<string, unknown>
        >;
        assert.ok(validateCsl(data), `${p.slug}: ${JSON.stringify(validateCsl.errors)}`);
        const [item] = new Cite(data).data;
        assert.equal(item!.type, KIND_TYPES[p.kind].csl, p.slug);
        assert.equal(item!.title, expectedTitle(p), p.slug);
        assert.deepEqual(item!.author ?? [], expectedAuthors(p).map(asName), p.slug);
        assert.deepEqual(item!.editor ?? [], expectedEditors(p).map(asName), p.slug);
        assert.equal(item!.language, expectedLanguage(p), p.slug);
        assert.equal(item!.publisher, publishersOf(p).join('; ') || undefined, p.slug);
        assert.equal(item!['number-of-pages'], p.pages ?? undefined, p.slug);
        assert.equal(item!['publisher-place'], p.place?.en, p.slug);
        assert.equal(item!.ISBN, isbnOf(p), p.slug);
        assert.equal(item!.DOI, doiOf(p), p.slug);
      }
      const ky = JSON.parse(await text('/publications/ainuras-dream/cite?format=csl-json'))[0];
      assert.equal(ky.language, 'ky', 'a Kyrgyz book is Kyrgyz though its catalogue title is English');
    });
  });
}

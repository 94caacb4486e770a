// The judged query set (queries.json) over the demo catalogue and sample pages (pages.json), and the full-text
// questions (queries-fulltext.json) over documents whose pages alone answer them (documents.json): success@5 (a
// relevant publication among the first five), MRR (1/rank of the first relevant one) and, where a question names
// its page, page accuracy (the relevant publication is in the first five and its page hit is that page).
import fs from 'node:fs';
import type { Db } from '../../db/db.ts';
import { loadCatalogue, readCatalogue } from '../../demo/load.ts';
import { browseQuery } from '../../domain/browse.ts';
import { publicationInput } from '../../domain/publication.ts';
import { browsePublications } from '../../store/browse.ts';
import { addFile, addFilePages } from '../../store/files.ts';
import { createPublication, publicationIdBySlug, refreshSearch } from '../../store/publications.ts';
import { pageLanguages } from '../page-language.ts';

export interface JudgedQuery {
  kind: string;
  q: string;
  relevant: string[];
  page?: number;
}
export interface QueryResult extends JudgedQuery {
  rank: number | null;
  top: string[];
  hitPage: number | null;
}
export interface Scores {
  queries: number;
  success5: number;
  mrr: number;
  pageAccuracy: number | null;
}

const read = <T>(name: string): T => JSON.parse(fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;
export const judgedQueries = (): JudgedQuery[] => [
  ...read<JudgedQuery[]>('queries.json'),
  ...read<JudgedQuery[]>('queries-fulltext.json'),
];

interface EvalDocument {
  slug: string;
  title: string;
  language: string | null;
  pages: Record<string, string>;
}

/** Loads the demo catalogue and the sample pages into an empty, migrated database. */
export async function loadEvalCorpus(db: Db): Promise<void> {
  await loadCatalogue(db, readCatalogue());
  const { files } = read<{
    files: Array<{ publication: string; name: string; language: string; pages: Record<string, string> }>;
  }>('pages.json');
  for (const [i, f] of files.entries()) {
    const id = await publicationIdBySlug(db, f.publication);
    if (!id) throw new Error(`pages.json: no publication ${f.publication}`);
    const fileId = await addFile(db, id, {
      sha256: String(i).padStart(64, '0'),
      original_name: f.name,
      media_type: 'application/pdf',
      size: 1,
      pages: Math.max(...Object.keys(f.pages).map(Number)),
      language: f.language,
      text_status: 'extracted',
    });
    await addFilePages(
      db,
      fileId,
      Object.entries(f.pages).map(([page, text]) => ({ page: Number(page), text })),
    );
    // As ingest does after a file's pages: its words reach "did you mean" with the publication's index.
    await refreshSearch(db, id);
  }
  // The full-text documents, as ingest stores them: each page's language decided on its own (a file without
  // a declared language takes the one most of its prose is in), then the publication indexed.
  const { documents } = read<{ documents: EvalDocument[] }>('documents.json');
  for (const [i, d] of documents.entries()) {
    const pages = Object.entries(d.pages).map(([n, text]) => ({ n: Number(n), text }));
    const detected = pageLanguages(pages.map((p) => p.text));
    const language = d.language ?? detected.file;
    const titleLanguage = /[а-яәғқңөұүі]/i.test(d.title) ? (/[әғқңөұүі]/i.test(d.title) ? 'kk' : 'ru') : 'en';
    const created = await createPublication(
      db,
      publicationInput.parse({
        slug: d.slug,
        kind: 'report',
        year: 2020,
        status: 'published',
        title: { [titleLanguage]: d.title },
        languages: language ? [language] : [],
      }),
    );
    const fileId = await addFile(db, created.id, {
      sha256: `f${String(i).padStart(63, '0')}`,
      original_name: `${d.slug}.pdf`,
      media_type: 'application/pdf',
      size: 1,
      pages: Math.max(...pages.map((p) => p.n)),
      language,
      text_status: 'extracted',
    });
    await addFilePages(
      db,
      fileId,
      pages.map((p, k) => ({
        page: p.n,
        text: p.text,
        language: detected.pages[k] === language ? null : detected.pages[k],
      })),
    );
    await refreshSearch(db, created.id);
  }
}

/** Runs every judged query through the search the pages and the API use; the first ten results count. */
export async function evaluate(db: Db, queries = judgedQueries()): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const jq of queries) {
    const r = await browsePublications(db, browseQuery.parse({ q: jq.q, per_page: 10 }), 'en');
    const top = r.items.map((i) => i.slug);
    const index = top.findIndex((s) => jq.relevant.includes(s));
    results.push({
      ...jq,
      rank: index < 0 ? null : index + 1,
      top,
      hitPage: index < 0 ? null : (r.items[index]!.page_hit?.page ?? null),
    });
  }
  return results;
}

/** success@5, MRR and page accuracy (null when no question names a page) of some results. */
export function scores(results: QueryResult[]): Scores {
  const n = results.length;
  const paged = results.filter((r) => r.page !== undefined);
  return {
    queries: n,
    success5: n ? results.filter((r) => r.rank !== null && r.rank <= 5).length / n : 0,
    mrr: n ? results.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / n : 0,
    pageAccuracy: paged.length
      ? paged.filter((r) => r.rank !== null && r.rank <= 5 && r.hitPage === r.page).length / paged.length
      : null,
  };
}

/** Scores by kind of query, then all together under "all". */
export function scoresByKind(results: QueryResult[]): Map<string, Scores> {
  const kinds = [...new Set(results.map((r) => r.kind))];
  const m = new Map(kinds.map((k) => [k, scores(results.filter((r) => r.kind === k))]));
  m.set('all', scores(results));
  return m;
}

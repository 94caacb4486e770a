// The judged query set (queries.json) over the demo catalogue and sample pages (pages.json):
// success@5 (a relevant publication among the first five) and MRR (1/rank of the first relevant one).
import fs from 'node:fs';
import type { Db } from '../../db/db.ts';
import { loadCatalogue, readCatalogue } from '../../demo/load.ts';
import { browseQuery } from '../../domain/browse.ts';
import { browsePublications } from '../../store/browse.ts';
import { addFile, addFilePages } from '../../store/files.ts';
import { publicationIdBySlug, refreshSearch } from '../../store/publications.ts';

export interface JudgedQuery { kind: string; q: string; relevant: string[] }
export interface QueryResult extends JudgedQuery { rank: number | null; top: string[] }
export interface Scores { queries: number; success5: number; mrr: number }

const read = <T>(name: string): T => JSON.parse(fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;
export const judgedQueries = (): JudgedQuery[] => read('queries.json');

/** Loads the demo catalogue and the sample pages into an empty, migrated database. */
export async function loadEvalCorpus(db: Db): Promise<void> {
  await loadCatalogue(db, readCatalogue());
  const { files } = read<{ files: Array<{ publication: string; name: string; language: string; pages: Record<string, string> }> }>('pages.json');
  for (const [i, f] of files.entries()) {
    const id = await publicationIdBySlug(db, f.publication);
    if (!id) throw new Error(`pages.json: no publication ${f.publication}`);
    const fileId = await addFile(db, id, {
      sha256: String(i).padStart(64, '0'), original_name: f.name, media_type: 'application/pdf', size: 1,
      pages: Math.max(...Object.keys(f.pages).map(Number)), language: f.language, text_status: 'extracted',
    });
    await addFilePages(db, fileId, Object.entries(f.pages).map(([page, text]) => ({ page: Number(page), text })));
    // As ingest does after a file's pages: its words reach "did you mean" with the publication's index.
    await refreshSearch(db, id);
  }
}

/** Runs every judged query through the search the pages and the API use; the first ten results count. */
export async function evaluate(db: Db, queries = judgedQueries()): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const jq of queries) {
    const r = await browsePublications(db, browseQuery.parse({ q: jq.q, per_page: 10 }), 'en');
    const top = r.items.map((i) => i.slug);
    const index = top.findIndex((s) => jq.relevant.includes(s));
    results.push({ ...jq, rank: index < 0 ? null : index + 1, top });
  }
  return results;
}

/** success@5 and MRR of some results. */
export function scores(results: QueryResult[]): Scores {
  const n = results.length;
  return {
    queries: n,
    success5: n ? results.filter((r) => r.rank !== null && r.rank <= 5).length / n : 0,
    mrr: n ? results.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / n : 0,
  };
}

/** Scores by kind of query, then all together under "all". */
export function scoresByKind(results: QueryResult[]): Map<string, Scores> {
  const kinds = [...new Set(results.map((r) => r.kind))];
  const m = new Map(kinds.map((k) => [k, scores(results.filter((r) => r.kind === k))]));
  m.set('all', scores(results));
  return m;
}

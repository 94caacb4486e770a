// What a reader may see: the one rule for every public route (pages in each language, API, citations,
// requests, downloads, covers, feeds, sitemap, OAI, entity pages, search and its suggestions). Staff see
// everything on the staff pages. Queries that filter in the database use the SQL twin of this rule,
// src/store/visibility.ts; src/visibility.test.ts checks that the two agree.
//   publication  published: shown; draft, in review: as if absent (404); withdrawn: a tombstone (410, its reason)
//   file         of a shown publication, the current version (not replaced), once its embargo is over
//   relation     shown when its other end is a shown publication
//   entity       a person, organisation, project or topic on at least one shown publication
//   sample       a file generated as a sample is shown, marked, but is never given as the full text
import { pickText, type Status } from './domain/publication.ts';
import type { FileRecord, PublicationDetail } from './domain/records.ts';
import { HttpError, notFound } from './http/errors.tsx';

export type Sight = 'shown' | 'absent' | 'withdrawn';

/** What a reader finds at a publication's address in this status. */
export function sightOf(status: Status): Sight {
  return status === 'published' ? 'shown' : status === 'withdrawn' ? 'withdrawn' : 'absent';
}

/** The file facts the rule reads. */
export interface FileFacts {
  replaced_by: number | null;
  embargo_until: string | null;
}

/** Whether a reader may see a file of a shown publication on `today` (YYYY-MM-DD). */
export function isReadableFile(f: FileFacts, today: string): boolean {
  return f.replaced_by === null && (f.embargo_until === null || f.embargo_until <= today);
}

/** The files that stand for the publication's full text to indexes (citation_pdf_url, OAI): samples are not. */
export const fullTextFiles = <F extends Pick<FileRecord, 'is_sample'>>(files: F[]): F[] =>
  files.filter((f) => !f.is_sample);

/**
 * The publication as a reader may see it, or the error a reader gets: 404 for a draft or a record in
 * review (as for no publication at all), 410 with the reason for a withdrawn one (in `lang` where staff gave it). Its files are already
 * the readable ones (the store reads them so); relations keep only shown publications at their other end.
 */
export function readablePublication(p: PublicationDetail | null, lang?: string): PublicationDetail {
  const sight = p ? sightOf(p.status) : 'absent';
  if (!p || sight === 'absent') throw notFound();
  if (sight === 'withdrawn') {
    const reason = p.withdrawn_reason && pickText(p.withdrawn_reason, lang, p.original_language);
    throw reason
      ? new HttpError(410, 'withdrawn', 'error.withdrawn_reason', { reason })
      : new HttpError(410, 'withdrawn', 'error.withdrawn_text');
  }
  const shown = (r: { status: Status }) => sightOf(r.status) === 'shown';
  return { ...p, relations_out: p.relations_out.filter(shown), relations_in: p.relations_in.filter(shown) };
}

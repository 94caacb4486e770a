// Styled citations (APA, Chicago, Harvard) kept with the record (table publication_citations, migration 0085):
// citeproc takes 1–2 ms a citation, more than the rest of an item page. A stored citation is used only while
// what it was formatted from is what the record gives now (a hash of citeproc's input: a renamed author, an
// edited title, a new file language all change it) and the formatter is the same (CITEPROC_VERSION); else it is
// formatted again and replaced. It is stored without the two things a reader's request adds: the site's
// origin (a placeholder, replaced when read) and the access date (Harvard's is rewritten when read).
import { createHash } from 'node:crypto';
import type { Db } from '../db/db.ts';
import type { PublicationDetail } from '../domain/records.ts';
import {
  CITEPROC_VERSION,
  type CitationFormat,
  citeproc,
  finishStyled,
  formatCitation,
  isStyled,
  type StyledFormat,
  styledInput,
} from './format.ts';
import { referenceOf } from './reference.ts';
import { UI_LANGUAGES } from '../i18n/i18n.ts';

/** The same as an SQL expression over publication p, for the detail query. */
export const storedCitationsSql = (p: string) =>
  `(select json_object_agg(c.slot, json_build_object('input', c.input, 'body', c.body))
    from publication_citations c where c.publication_id = ${p}.id and c.version = '${CITEPROC_VERSION}')`;

/** Stands for the origin in a stored citation: a reserved name (RFC 2606) no record can link to. */
const ORIGIN = 'https://kitap.invalid';
/** Stands for the access date: Harvard's is rewritten from the real one, the other styles print none. */
const DAY = '2000-01-01';

/** The style of the item page's Cite box: GOST where readers are used to it (Russian, Kazakh, Kyrgyz), APA otherwise. */
export function boxFormat(lang: string): CitationFormat {
  return lang === 'en' ? 'apa' : 'gost';
}

/** A styled citation as it is stored: its slot, the hash of its input, and how to format it. */
function storable(p: PublicationDetail, readerLang: string, format: StyledFormat) {
  const input = styledInput(referenceOf(p, ORIGIN, readerLang), format, DAY);
  const json = JSON.stringify(input);
  // The placeholder must stand for the origin alone: a record that names it is formatted for each request.
  if (json.split(ORIGIN).length !== 2) return null;
  const hash = createHash('sha256').update(json).digest('base64url');
  return { slot: `${format} ${readerLang}`, hash, input };
}

async function save(db: Db, id: number, slot: string, hash: string, body: string): Promise<void> {
  await db.query(
    `insert into publication_citations (publication_id, slot, version, input, body) values ($1, $2, $3, $4, $5)
     on conflict (publication_id, slot) do update set version = excluded.version, input = excluded.input, body = excluded.body`,
    [id, slot, CITEPROC_VERSION, hash, body],
  );
}

/**
 * Publication p cited in a format as a reader of readerLang cites it, at origin on accessedOn: a styled format
 * from its stored copy when that is current, else formatted and stored; the others formatted (microseconds).
 */
export async function citationOf(
  db: Db,
  p: PublicationDetail,
  origin: string,
  readerLang: string,
  format: CitationFormat,
  accessedOn: string,
): Promise<string> {
  const s = isStyled(format) ? storable(p, readerLang, format) : null;
  if (!s) return formatCitation(referenceOf(p, origin, readerLang), format, accessedOn).body;
  const stored = p.citations?.[s.slot];
  let text = stored?.input === s.hash ? stored.body : null;
  if (text === null) {
    text = citeproc(s.input);
    // A database that cannot take the write (read-only) still gets its citation.
    await save(db, p.id, s.slot, s.hash, text).catch(() => {});
  }
  return finishStyled(text.replaceAll(ORIGIN, origin), format as StyledFormat, s.input.lang, accessedOn);
}

/** The item page's Cite box citations that citeproc formats, stored for p (the one write path calls this). */
export async function storeBoxCitations(db: Db, p: PublicationDetail): Promise<void> {
  for (const lang of UI_LANGUAGES) {
    const format = boxFormat(lang);
    if (!isStyled(format)) continue;
    const s = storable(p, lang, format);
    if (s && p.citations?.[s.slot]?.input !== s.hash) await save(db, p.id, s.slot, s.hash, citeproc(s.input));
  }
}

/** The slots storeBoxCitations fills. */
export const BOX_SLOTS = UI_LANGUAGES.flatMap((l) => {
  const f = boxFormat(l);
  return isStyled(f) ? [`${f} ${l}`] : [];
});

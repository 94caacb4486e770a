// The page reader's reads: one page of a file as text (from its text layer or OCR), marked with a query's words.
import type { Db } from '../db/db.ts';

export interface ReaderPage {
  page: number;
  text: string;
  language: string | null;
  ocr: boolean;
  ocr_confidence: number | null;
  /** The text with the query's words between \u0001 and \u0002 (src/search/snippet.ts), or null without a query. */
  marked: string | null;
}

/** Page `page` of a file, marked with `markingQuery` (a tsquery text, markQuery's) when given; null when there is none. */
export async function readerPage(
  db: Db,
  fileId: number,
  page: number,
  markingQuery: string | null,
): Promise<ReaderPage | null> {
  return db.one<ReaderPage>(
    `select fp.page, fp.text, coalesce(fp.language, f.language) as language, fp.ocr, fp.ocr_confidence,
       case when $3::text is null or coalesce(fp.language, f.language) in ('kk', 'ky') then null
         else ts_headline(case coalesce(fp.language, f.language) when 'en' then 'english' else 'russian' end::regconfig,
           translate(fp.text, chr(1) || chr(2), ''), $3::tsquery, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', HighlightAll=true')
       end as marked
     from file_pages fp join files f on f.id = fp.file_id where fp.file_id = $1 and fp.page = $2`,
    [fileId, page, markingQuery],
  );
}

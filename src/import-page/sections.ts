// A long text page is imported in sections of about SECTION characters, cut where the page leaves two or
// more blank lines (between publications). `importSections` hands each section's result on and keeps nothing
// of it but the keys, so that a caller that writes or prints records as they come (the command) holds one
// section at a time: a 20 MB page stays under 300 MB. `importText` collects them, for pages that fit in memory
// (the staff page, tests). A publication listed twice in two different sections is not merged, and relations
// are linked within a section only (the report says so).
import { importPage, type ImportResult } from './import-page.ts';
import { InputError, pageFromText } from './lines.ts';

export const SECTION = 1_000_000;
/**
 * Sections of a page read from a file in pieces (the command, pages over 4 MB): smaller, since what one section
 * costs while it is read (its lines, blocks and drafts, and the garbage they leave) is what the peak is made of.
 */
export const STREAM_SECTION = 100_000;

/** Whether a text page of this many characters is read in sections. */
export const inSections = (chars: number, section = SECTION): boolean => chars > section * 2;

/** Imports a page's text; pages over twice the section size are read section by section and collected. */
export function importText(text: string, format: 'text' | 'html', section = SECTION): ImportResult {
  if (format === 'html' || !inSections(text.length, section)) return importPage(pageFromText(text, format));
  const result = emptyResult();
  let sections = 0;
  for (const r of importSections(cutText(text, section))) {
    sections++;
    for (const [index, a] of r.accounting) result.accounting.set(index + result.report.lines.total, a);
    result.records.push(...r.records);
    addReport(result.report, r.report);
  }
  if (!result.records.length) throw noPublication();
  result.report.ambiguities.unshift(longPageNote(sections, section));
  return result;
}

/** The remark a long page's report opens with. */
export const longPageNote = (sections: number, section = SECTION) => ({
  key: '(page)',
  note: `a long page: read in ${sections} sections of about ${section.toLocaleString('en')} characters; a publication listed in two sections is not merged, and relations are linked within a section`,
});

/**
 * Each section's result in turn, its line numbers those of the whole page and its keys unique across the page;
 * a section with nothing publication-like has its lines reported as not used. The caller checks that the
 * page as a whole had a publication.
 */
export function* importSections(sections: Iterable<string>): Generator<ImportResult> {
  const keys = new Set<string>();
  let firstLine = 1;
  for (const text of sections) {
    // The section's last line break ends its last line; the next section starts on the next line.
    const page = pageFromText(text.replace(/\r?\n$/, ''), 'text', firstLine);
    firstLine += page.lines.length;
    let r: ImportResult;
    try {
      r = importPage(page);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      r = nothingFound(page.lines, page.repairs);
    }
    // Keys unique across sections: a key met before gets a number, and relations in the section follow it.
    const renamed = new Map<string, string>();
    for (const rec of r.records) {
      let k = rec.key;
      for (let n = 2; keys.has(k); n++) k = `${rec.key.slice(0, 115)}-${n}`;
      if (k !== rec.key) renamed.set(rec.key, k);
      keys.add(k);
      rec.key = k;
    }
    if (renamed.size) {
      for (const rec of r.records) for (const rel of rec.relations) rel.target = renamed.get(rel.target) ?? rel.target;
      for (const [index, a] of r.accounting)
        if ('key' in a && renamed.has(a.key)) r.accounting.set(index, { key: renamed.get(a.key)! });
      for (const m of r.report.merged) m.key = renamed.get(m.key) ?? m.key;
      for (const a of r.report.ambiguities) a.key = renamed.get(a.key) ?? a.key;
    }
    // Plain data: a title or description cut from the section's text would otherwise keep all of it alive.
    r.records = JSON.parse(JSON.stringify(r.records)) as ImportResult['records'];
    yield r;
  }
}

/** A section's result when it has nothing publication-like: its lines, reported. */
function nothingFound(lines: ReturnType<typeof pageFromText>['lines'], repairs: ImportResult['report']['repairs']) {
  const r = emptyResult();
  r.report.lines.total = lines.length;
  r.report.repairs = repairs;
  const reason = 'no publication recognised in this part of the page';
  for (const l of lines) {
    if (!l.text) continue;
    r.accounting.set(l.index, { skipped: reason });
    r.report.skipped.push({ line: l.no, text: l.text, reason });
    r.report.lines.nonEmpty++;
    r.report.lines.skipped++;
  }
  return r;
}

export function emptyResult(): ImportResult {
  return {
    records: [],
    accounting: new Map(),
    report: {
      lines: { total: 0, nonEmpty: 0, inRecords: 0, skipped: 0 },
      repairs: [],
      skipped: [],
      merged: [],
      relations: [],
      ambiguities: [],
    },
  };
}

/** Adds a section's report to the page's. */
export function addReport(t: ImportResult['report'], r: ImportResult['report']): void {
  t.lines.total += r.lines.total;
  t.lines.nonEmpty += r.lines.nonEmpty;
  t.lines.inRecords += r.lines.inRecords;
  t.lines.skipped += r.lines.skipped;
  for (const x of r.repairs) t.repairs.push(x);
  for (const x of r.skipped) t.skipped.push(x);
  for (const x of r.merged) t.merged.push(x);
  for (const x of r.relations) t.relations.push(x);
  for (const x of r.ambiguities) t.ambiguities.push(x);
}

export const noPublication = () =>
  new InputError(
    'no publication found on the page: no title lines or publication fields were recognised',
    'no-publications',
  );

/** The sections of a text held in memory. */
export function* cutText(text: string, section = SECTION): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const end = cut(text, start, section, true);
    yield text.slice(start, end);
    start = end;
  }
}

/**
 * The sections of a text that arrives in pieces (a file read a few MB at a time): only the text not yet
 * cut is held, so the page is never in memory whole.
 */
export function* cutPieces(pieces: Iterable<string>, section = SECTION): Generator<string> {
  let rest = '';
  for (const piece of pieces) {
    rest += piece;
    let start = 0;
    // Cut only where a whole section and its break are in hand; the end of the text waits for the next piece.
    while (rest.length - start > section * 1.5) {
      const end = cut(rest, start, section, false);
      if (end === -1) break;
      yield rest.slice(start, end);
      start = end;
    }
    if (start) rest = rest.slice(start);
  }
  if (rest) yield rest;
}

/**
 * Where the section from `start` ends: after the first run of two or more blank lines past `section`
 * characters. With `whole`, the text is all there is (the rest of it goes in when short); else -1 when no
 * break is in hand yet.
 */
function cut(text: string, start: number, section: number, whole: boolean): number {
  if (whole && text.length - start <= section * 1.5) return text.length;
  const re = /\n[ \t]*\r?\n[ \t]*\r?\n/g;
  re.lastIndex = start + section;
  const m = re.exec(text);
  if (m) return m.index + m[0].length;
  // No publication break at all: cut at a line end (in pieces, once a break is unlikely to come).
  const nl = whole || text.length - start > section * 3 ? text.indexOf('\n', start + section) : -1;
  if (nl !== -1) return nl + 1;
  return whole ? text.length : -1;
}

// A long text page is imported in sections of about SECTION characters, cut where the page leaves two or
// more blank lines (between publications), so that memory holds one section's lines at a time and the
// records found so far: a 20 MB page stays well under 300 MB. A publication listed twice in two different
// sections is not merged, and relations are linked within a section only (the report says so).
import { importPage, type ImportResult } from './import-page.ts';
import { InputError, pageFromText } from './lines.ts';

const SECTION = 1_000_000;

/** Imports a page's text; pages over twice the section size are read section by section. */
export function importText(text: string, format: 'text' | 'html', section = SECTION): ImportResult {
  if (format === 'html' || text.length <= section * 2) return importPage(pageFromText(text, format));
  const result: ImportResult = {
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
  const keys = new Set<string>();
  let start = 0;
  let firstLine = 1;
  let sections = 0;
  while (start < text.length) {
    const end = cut(text, start, section);
    // The section's last line break ends its last line; the next section starts on the next line.
    const part = text.slice(start, end).replace(/\r?\n$/, '');
    const page = pageFromText(part, 'text', firstLine);
    sections++;
    let r: ImportResult;
    try {
      r = importPage(page);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // A section with nothing publication-like: its lines are reported, the page goes on.
      r = {
        records: [],
        accounting: new Map(),
        report: {
          lines: { total: page.lines.length, nonEmpty: 0, inRecords: 0, skipped: 0 },
          repairs: page.repairs,
          skipped: [],
          merged: [],
          relations: [],
          ambiguities: [],
        },
      };
      for (const l of page.lines) {
        if (!l.text) continue;
        r.accounting.set(l.index, { skipped: 'no publication recognised in this part of the page' });
        r.report.skipped.push({
          line: l.no,
          text: l.text,
          reason: 'no publication recognised in this part of the page',
        });
        r.report.lines.nonEmpty++;
        r.report.lines.skipped++;
      }
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
    for (const rec of r.records) for (const rel of rec.relations) rel.target = renamed.get(rel.target) ?? rel.target;
    const offset = result.report.lines.total;
    for (const [index, a] of r.accounting)
      result.accounting.set(index + offset, 'key' in a ? { key: renamed.get(a.key) ?? a.key } : a);
    // Copied as plain data: a title or description cut from the section's text would otherwise keep all of it alive.
    result.records.push(...(JSON.parse(JSON.stringify(r.records)) as ImportResult['records']));
    const t = result.report;
    t.lines.total += r.report.lines.total;
    t.lines.nonEmpty += r.report.lines.nonEmpty;
    t.lines.inRecords += r.report.lines.inRecords;
    t.lines.skipped += r.report.lines.skipped;
    t.repairs.push(...r.report.repairs);
    t.skipped.push(...r.report.skipped);
    t.merged.push(...r.report.merged.map((m) => ({ ...m, key: renamed.get(m.key) ?? m.key })));
    t.relations.push(...r.report.relations);
    t.ambiguities.push(...r.report.ambiguities.map((a) => ({ ...a, key: renamed.get(a.key) ?? a.key })));
    firstLine += page.lines.length;
    start = end;
  }
  if (!result.records.length)
    throw new InputError(
      'no publication found on the page: no title lines or publication fields were recognised',
      'no-publications',
    );
  result.report.ambiguities.unshift({
    key: '(page)',
    note: `a long page: read in ${sections} sections of about ${section.toLocaleString('en')} characters; a publication listed in two sections is not merged, and relations are linked within a section`,
  });
  return result;
}

/** Where the section from `start` ends: after the first run of two or more blank lines past SECTION characters. */
function cut(text: string, start: number, section: number): number {
  if (text.length - start <= section * 1.5) return text.length;
  const re = /\n[ \t]*\r?\n[ \t]*\r?\n/g;
  re.lastIndex = start + section;
  const m = re.exec(text);
  // No publication break at all: cut at a line end.
  if (!m) {
    const nl = text.indexOf('\n', start + section);
    return nl === -1 ? text.length : nl + 1;
  }
  // Keep the blank lines with the section before, so the next one starts at a publication.
  return m.index + m[0].length;
}

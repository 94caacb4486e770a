// What the staff page "Import" reads: pasted text, or an uploaded file (a web page, a spreadsheet, a reference
// file) dispatched on its type to a parser that proposes records. Every parser returns the importer's ImportResult; another kind of file is one more line in
// PARSERS. A file the parsers cannot read is an ImportProblem, which the page says in the staff's language.
import { looksLikeHtml } from '../../import-page/html.ts';
import type { ImportResult } from '../../import-page/import-page.ts';
import { decodePage, InputError, type InputProblem } from '../../import-page/lines.ts';
import { importText } from '../../import-page/sections.ts';
import { proposeFromFile } from '../../import-sources/index.ts';

/** Proposed records from a source, and a remark on reading it (e.g. converted from Windows-1251). */
export interface Proposal {
  result: ImportResult;
  notice: 'converted-1251' | null;
}

/**
 * Why nothing was proposed; `unsupported` is a file type no parser reads. `detail` is the parser's own words
 * (English) on what is wrong with a spreadsheet or reference file, shown under the translated problem.
 */
export class ImportProblem extends Error {
  constructor(
    readonly problem: InputProblem | 'unsupported',
    readonly detail: string | null = null,
  ) {
    super(problem);
  }
}

type Parser = (name: string, bytes: Buffer) => Proposal | Promise<Proposal>;

/** The parsers, by file name: the first that matches reads the file. */
const PARSERS: Array<{ name: RegExp; parse: Parser }> = [
  { name: /\.(?:x?html?|txt|text)$|^[^.]*$/i, parse: pageFile },
  { name: /\.(?:csv|tsv|xlsx|xls|bib|bibtex|ris|json)$/i, parse: structuredFile },
];

/** The extensions the upload field offers (its `accept`). */
export const ACCEPTED = '.html,.htm,.xhtml,.txt,.csv,.tsv,.xlsx,.bib,.ris,.json,text/html,text/plain,text/csv';

/** Records proposed from an uploaded file. */
export async function proposeFromUpload(name: string, bytes: Buffer): Promise<Proposal> {
  const parser = PARSERS.find((p) => p.name.test(name));
  if (!parser) throw new ImportProblem('unsupported');
  return guarded(() => parser.parse(name, bytes));
}

/** Records proposed from pasted text (a page's text or its HTML source). */
export function proposeFromText(text: string): Promise<Proposal> {
  if (!text.trim()) throw new ImportProblem('empty');
  return guarded(() => ({ result: importText(text, looksLikeHtml(text) ? 'html' : 'text'), notice: null }));
}

/** A spreadsheet (CSV, XLSX) or reference file (BibTeX, RIS, CSL-JSON): src/import-sources/. */
async function structuredFile(name: string, bytes: Buffer): Promise<Proposal> {
  try {
    const result = await proposeFromFile(name, bytes);
    const converted = (result.notes ?? []).some((n) => /1251/.test(n));
    return { result, notice: converted ? 'converted-1251' : null };
  } catch (err) {
    if (err instanceof InputError) throw new ImportProblem('unreadable', err.message);
    throw err;
  }
}

/** A saved web page: UTF-8, or Windows-1251 (converted, and said so). */
function pageFile(name: string, bytes: Buffer): Proposal {
  let text: string;
  let notice: Proposal['notice'] = null;
  try {
    text = decodePage(bytes, name);
  } catch (err) {
    if (!(err instanceof InputError) || err.problem !== 'windows-1251') throw err;
    text = new TextDecoder('windows-1251').decode(bytes);
    notice = 'converted-1251';
  }
  const html = /\.x?html?$/i.test(name) || looksLikeHtml(text);
  return { result: importText(text, html ? 'html' : 'text'), notice };
}

async function guarded(fn: () => Proposal | Promise<Proposal>): Promise<Proposal> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof InputError) throw new ImportProblem(err.problem);
    throw err;
  }
}

// What the staff page "Import" reads: pasted text, or an uploaded file dispatched on its type to a parser that
// proposes records. Every parser returns the importer's ImportResult; another kind of file is one more line in
// PARSERS. A file the parsers cannot read is an ImportProblem, which the page says in the staff's language.
import { looksLikeHtml } from '../../import-page/html.ts';
import type { ImportResult } from '../../import-page/import-page.ts';
import { decodePage, InputError, type InputProblem } from '../../import-page/lines.ts';
import { importText } from '../../import-page/sections.ts';

/** Proposed records from a source, and a remark on reading it (e.g. converted from Windows-1251). */
export interface Proposal {
  result: ImportResult;
  notice: 'converted-1251' | null;
}

/** Why nothing was proposed; `unsupported` is a file type no parser reads. */
export class ImportProblem extends Error {
  constructor(readonly problem: InputProblem | 'unsupported') {
    super(problem);
  }
}

type Parser = (name: string, bytes: Buffer) => Proposal;

/** The parsers, by file name: the first that matches reads the file. */
const PARSERS: Array<{ name: RegExp; parse: Parser }> = [{ name: /\.(?:x?html?|txt|text)$|^[^.]*$/i, parse: pageFile }];

/** The extensions the upload field offers (its `accept`). */
export const ACCEPTED = '.html,.htm,.xhtml,.txt,text/html,text/plain';

/** Records proposed from an uploaded file. */
export function proposeFromUpload(name: string, bytes: Buffer): Proposal {
  const parser = PARSERS.find((p) => p.name.test(name));
  if (!parser) throw new ImportProblem('unsupported');
  return guarded(() => parser.parse(name, bytes));
}

/** Records proposed from pasted text (a page's text or its HTML source). */
export function proposeFromText(text: string): Proposal {
  if (!text.trim()) throw new ImportProblem('empty');
  return guarded(() => ({ result: importText(text, looksLikeHtml(text) ? 'html' : 'text'), notice: null }));
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

function guarded(fn: () => Proposal): Proposal {
  try {
    return fn();
  } catch (err) {
    if (err instanceof InputError) throw new ImportProblem(err.problem);
    throw err;
  }
}

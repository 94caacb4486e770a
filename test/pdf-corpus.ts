// The shared PDF corpus (../shared/fixtures/pdfs beside the repository, see its README) and its MANIFEST.tsv:
// tests that read it skip, with a message, where it is not there (a fresh clone on its own).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The corpus folder, with a trailing slash. */
export const CORPUS = fileURLToPath(new URL('../../shared/fixtures/pdfs/', import.meta.url));
/** false when the corpus is there, else the reason to skip. */
export const skipWithoutCorpus = fs.existsSync(`${CORPUS}MANIFEST.tsv`) ? false : `no fixture corpus at ${CORPUS}`;

/** MANIFEST.tsv as one object per file, keyed by its header's column names (file, expected, exercises, …). */
export function corpusManifest() {
  const [header, ...lines] = fs.readFileSync(`${CORPUS}MANIFEST.tsv`, 'utf8').trimEnd().split('\n');
  const columns = header!.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value])));
}

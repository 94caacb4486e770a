// Citations through citation-js: BibTeX, RIS, CSL-JSON, and APA, Chicago, Harvard and GOST R 7.0.5
// through citeproc with CSL styles, in the reader's language where CSL has a locale for it.
import fs from 'node:fs';
import Cite from 'citation-js';
import type { UiLang } from '../i18n/i18n.ts';
import type { CslItem } from './csl.ts';

export const CITATION_FORMATS = ['bibtex', 'ris', 'csl-json', 'apa', 'chicago', 'harvard', 'gost'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export function isCitationFormat(s: string | undefined): s is CitationFormat {
  return (CITATION_FORMATS as readonly string[]).includes(s ?? '');
}

/** The CSL style behind each styled format; apa and harvard1 come with citation-js, the others from ./csl. */
const TEMPLATES = { apa: 'apa', chicago: 'chicago-author-date', harvard: 'harvard1', gost: 'gost-r-7-0-5-2008' } as const;

/**
 * CSL locale per interface language. CSL has no Kazakh locale; bibliographies in Kazakhstan follow
 * GOST 7.1 / 7.0.5 in Russian, so the Kazakh interface cites with Russian terms.
 */
export const CSL_LOCALES: Record<UiLang, string> = { en: 'en-US', ru: 'ru-RU', kk: 'ru-RU', ky: 'ru-RU' };

const csl = Cite.plugins.config.get('@csl');
const cslFile = (name: string) => fs.readFileSync(new URL(`./csl/${name}`, import.meta.url), 'utf8');
if (!csl.templates.has(TEMPLATES.chicago)) csl.templates.add(TEMPLATES.chicago, cslFile('chicago-author-date.csl'));
if (!csl.templates.has(TEMPLATES.gost)) csl.templates.add(TEMPLATES.gost, cslFile('gost-r-7-0-5-2008.csl'));
if (!csl.locales.has('ru-RU')) csl.locales.add('ru-RU', cslFile('locales-ru-RU.xml'));

// BibTeX as UTF-8 (biber and modern BibTeX read it): citation-js's ASCII escaping garbles Cyrillic.
// The slug is the citation key. This configuration is process-wide; Kitap has no other BibTeX writer.
const bibtex = Cite.plugins.config.get('@bibtex');
bibtex.format.asciiOnly = false;
bibtex.format.useIdAsLabel = true;

export interface Citation { body: string; contentType: string; extension: string }

/** Same name, one literal author: APA 7 leaves the publisher out when it is the author. */
function withoutPublisherWhenAuthor(item: CslItem): CslItem {
  const a = item.author ?? [];
  if (a.length === 1 && 'literal' in a[0]! && a[0].literal === item.publisher) return { ...item, publisher: undefined };
  return item;
}

/**
 * GOST 7.1 marks an unknown place of publication "[Б. м.]" (Latin-script works: "[S. l.]"); the style
 * would otherwise print a bare ": Publisher". Kitap does not record places.
 */
function withUnknownPlace(item: CslItem): CslItem {
  if (!item.publisher) return item;
  return { ...item, 'publisher-place': /^(en|uz)$/.test(item.language) ? '[S. l.]' : '[Б. м.]' };
}

/** One publication cited in a format; lang is the interface language. */
/**
 * Formatted citations by their whole input: citeproc takes some milliseconds per citation, 40 % of an item
 * page's time, and the same record is cited again and again. The key is the item itself, so a changed record
 * can never get an old citation.
 */
const formatted = new Map<string, Citation>();
const FORMATTED_CACHE = 1000;

export function formatCitation(item: CslItem, format: CitationFormat, lang: UiLang): Citation {
  const key = `${format}\u0000${lang}\u0000${JSON.stringify(item)}`;
  const known = formatted.get(key);
  if (known) return known;
  const citation = formatUncached(item, format, lang);
  if (formatted.size >= FORMATTED_CACHE) formatted.delete(formatted.keys().next().value!);
  formatted.set(key, citation);
  return citation;
}

function formatUncached(item: CslItem, format: CitationFormat, lang: UiLang): Citation {
  switch (format) {
    case 'csl-json':
      return { body: `${JSON.stringify([item], null, 2)}\n`, contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' };
    case 'bibtex': {
      // BibTeX months have no days: "month = {may 4}" would not parse elsewhere.
      const issued = item.issued && { 'date-parts': [item.issued['date-parts'][0]!.slice(0, 2)] };
      return { body: new Cite([{ ...item, issued }]).format('bibtex'), contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' };
    }
    case 'ris':
      return { body: new Cite([item]).format('ris'), contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' };
    default: {
      const data = format === 'apa' ? withoutPublisherWhenAuthor(item) : format === 'gost' ? withUnknownPlace(item) : item;
      let text = new Cite([data]).format('bibliography', { template: TEMPLATES[format], lang: CSL_LOCALES[lang], format: 'text' }).trim();
      // The GOST style numbers its list; one reference on its own needs no "1.".
      if (format === 'gost') text = text.replace(/^1\.\s+/, '');
      return { body: `${text}\n`, contentType: 'text/plain; charset=utf-8', extension: 'txt' };
    }
  }
}
